/*
 * What the leak check's programs (leak.c, the root task; child.c, the unit it starts) share.
 */
#ifndef TESTS_USER_LEAK_H
#define TESTS_USER_LEAK_H

#define CHILD_BLOCK  0x10000u /* child's argument: wait until killed */
#define CHILD_SERVER 0x10001u /* child's argument: serve CAP_START(0) */
#define CHILD_CRASH  0xc5u    /* data[0] of a call that makes the server fault */
/*
 * child's argument: start units of CAP_START(0) (big.c), forever. They start on CPU 0 at
 * BIG_PRIO, above the root task there, so each one has run and exited before the root task
 * runs again: none outlives a starter killed between its start and the next.
 */
#define CHILD_STARTER 0x10002u
#define BIG_PRIO      150u

#endif
