#ifndef AURUM_INTERRUPT_H
#define AURUM_INTERRUPT_H

#include <stdint.h>

/// Catches SIGINT (Ctrl-C) for the interactive REPL: each one bumps a counter instead of ending the process.
/// While work is marked running (aurum_interrupt_begin_work), a third Ctrl-C that the work has not answered
/// ends the process with status 130, as the DuckDB shell does, so a stuck query can always be left.
void aurum_interrupt_install(void);

/// How many SIGINTs have arrived since aurum_interrupt_install (async-signal-safe to read from any thread).
uint64_t aurum_interrupt_count(void);

/// Marks work running from now; returns the count at its start.
uint64_t aurum_interrupt_begin_work(void);

/// Marks the work done.
void aurum_interrupt_end_work(void);

#endif
