/*
 * The SMP stress test (//tests:smp_stress_test, docs/smp.md): what its root task's files
 * share. Every worker thread is pinned to one CPU and runs one kind of traffic; each counts
 * what it did in its CPU's `struct stress_counts`, each field written by one thread only.
 */
#ifndef TESTS_USER_STRESS_H
#define TESTS_USER_STRESS_H

#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#define WHO	"stress"
#define CPUS	4
#define WAIT_US 10000000ull /* every blocking call's timeout (guest time) */
#define STACK	2048

/*
 * The traffic of each CPU, times STRESS_SCALE (10 for //tests:smp_stress_long_test). The
 * expectations in tests/BUILD are these numbers times CPUS.
 */
#ifndef STRESS_SCALE
#define STRESS_SCALE 1
#endif
#define LOCAL_CALLS  (20000 * STRESS_SCALE) /* calls to the server on the caller's CPU */
#define CROSS_CALLS  (10000 * STRESS_SCALE) /* calls to the server on the next CPU */
#define CHAN_MSGS    (16000 * STRESS_SCALE) /* one producer's messages, half to its CPU */
#define THREADS	     (2000 * STRESS_SCALE)  /* one creator's threads, half on the next CPU */
#define MAPS	     (9600 * STRESS_SCALE)  /* maps (each unmapped) of one mapper */
#define MAPS_PER_OBJ 32 /* a mapper's memory object is replaced after this many maps */
#define OBJ_PAGES    2

/* Priorities: every worker shares its CPU at WORKER_PRIO; servers and children are above. */
#define WORKER_PRIO 50
#define SERVER_PRIO 60
#define CHILD_PRIO  70

struct stress_counts {
	uint32_t local_sent, local_answered; /* a client's calls to its own CPU's server */
	uint32_t cross_sent, cross_answered; /* a client's calls to the next CPU's server */
	uint32_t server_took;		     /* calls this CPU's server answered */
	uint32_t chan_sent;		     /* messages this CPU's producer queued */
	uint32_t chan_got, chan_good;	     /* taken by this CPU's consumer; in order, intact */
	uint32_t created, child_ran, reaped; /* this CPU's creator's threads */
	uint32_t maps, unmaps, kept, zeroed; /* this CPU's mapper's maps; contents checked */
	uint32_t allocs, frees;		     /* its memory objects */
};

extern volatile struct stress_counts counts[CPUS];
extern cap_t endpoints[CPUS], channels[CPUS], child_notes[CPUS];

/* The CPU the calling thread runs on. */
uint32_t my_cpu(void);

/* The workers (traffic.c, churn.c); each runs its whole share, then returns. */
void ipc_server(uint32_t cpu);
void ipc_local_client(uint32_t cpu);
void ipc_cross_client(uint32_t cpu);
void chan_producer(uint32_t cpu);
void chan_consumer(uint32_t cpu);
void thread_creator(uint32_t cpu);
void mapper(uint32_t cpu);

#endif
