"""The `fsp-allocator` command: the window by default, headless subcommands otherwise."""
