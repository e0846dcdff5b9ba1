// libedit's readline interface (BSD licensed), wrapped once by Sources/AurumCLI/Repl/LineEditor.swift.
#include <stdio.h>
#include <editline/readline.h>

// Swift 6 refuses to touch C global variables (shared mutable state); these accessors set and read the few
// readline globals the REPL needs, on the one thread that runs it.

/// Names the program for ~/.editrc, sets the characters that end a word to complete, and the completion callback.
static inline void aurum_editline_configure(const char *name, const char *word_break_characters,
                                            rl_completion_func_t *complete) {
    rl_readline_name = name;
    rl_basic_word_break_characters = word_break_characters;
    rl_attempted_completion_function = complete;
}

/// Whether libedit may fall back to completing file names after the completion callback (0: it may).
static inline void aurum_editline_set_completion_over(int over) { rl_attempted_completion_over = over; }

/// What libedit types after a word completed to a single candidate (0: nothing).
static inline void aurum_editline_set_append_character(int character) { rl_completion_append_character = character; }

/// The line being edited.
static inline const char *aurum_editline_line_buffer(void) { return rl_line_buffer; }
