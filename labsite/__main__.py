from labsite.commands.cli import main

main()
