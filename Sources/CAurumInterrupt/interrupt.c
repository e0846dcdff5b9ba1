// A SIGINT handler may only touch lock-free atomics and call async-signal-safe functions (write, _exit):
// everything else (telling the query to stop, printing) happens on the threads that poll the counter.
#include "aurum_interrupt.h"

#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

static atomic_uint_fast64_t interrupts;
static atomic_uint_fast64_t work_start;
static atomic_int working;

/// Ctrl-Cs during one piece of work after which the process ends (the work is not answering them).
enum { interrupts_to_exit = 3 };

static void on_interrupt(int signal_number) {
    (void)signal_number;
    uint64_t count = atomic_fetch_add(&interrupts, 1) + 1;
    if (atomic_load(&working) && count - atomic_load(&work_start) >= interrupts_to_exit) {
        static const char message[] = "\nInterrupted 3 times; leaving.\n";
        (void)!write(STDERR_FILENO, message, sizeof message - 1);
        _exit(130);
    }
}

void aurum_interrupt_install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    // Restart interrupted reads and writes: the program looks at the counter, not at EINTR.
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, NULL);
}

uint64_t aurum_interrupt_count(void) { return atomic_load(&interrupts); }

uint64_t aurum_interrupt_begin_work(void) {
    uint64_t start = atomic_load(&interrupts);
    atomic_store(&work_start, start);
    atomic_store(&working, 1);
    return start;
}

void aurum_interrupt_end_work(void) { atomic_store(&working, 0); }
