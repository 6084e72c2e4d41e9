from migrate.cli import main

main(prog_name="aoai-migrate")
