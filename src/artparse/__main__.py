from artparse.entry import main

main()
