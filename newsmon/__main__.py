from newsmon.cli import main

raise SystemExit(main())
