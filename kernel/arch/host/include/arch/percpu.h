/* Host tests: this_cpu() is a function each test (or the fake arch) defines. */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

struct percpu;

struct percpu *this_cpu(void);

#endif
