from ungraph.cli import main

main()
