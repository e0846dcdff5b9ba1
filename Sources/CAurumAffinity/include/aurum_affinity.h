#ifndef AURUM_AFFINITY_H
#define AURUM_AFFINITY_H

/// The number of processors this process may run on (its CPU affinity mask: `taskset`, a container's cpuset),
/// or 0 where the system does not say. Swift's Glibc module does not import `sched_getaffinity` or `CPU_COUNT`
/// (they need _GNU_SOURCE), hence this file.
int aurum_allowed_processors(void);

#endif
