// libedit's readline interface (BSD licensed), wrapped once by Sources/AurumCLI/Repl/LineEditor.swift.
#include <stdio.h>
#include <editline/readline.h>
