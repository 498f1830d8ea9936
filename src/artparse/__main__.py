from artparse.cli import main

main()
