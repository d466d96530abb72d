/*
 * The generic boot entry and how the kernel stops: halt, or end the emulator with an exit code
 * when the command line asked for `debug_exit` (test images).
 */
#ifndef KERNEL_INIT_H
#define KERNEL_INIT_H

#include <kernel/types.h>

struct boot_info;

/* Exit codes for arch_exit_emulator (QEMU isa-debug-exit turns code c into status 2c+1). */
#define KERNEL_EXIT_SUCCESS	0
#define KERNEL_EXIT_TEST_FAILED 1
#define KERNEL_EXIT_PANIC	2 /* panic or fatal exception */

/* Generic kernel entry, called by the arch layer once the CPU, console and timer are set up. */
_Noreturn void kmain(const struct boot_info *bi);

/*
 * Generic entry of every other CPU, once it reported in, holding the kernel lock: its clock
 * (the boot CPU's time), its boot context as its idle thread, then its idle loop.
 */
_Noreturn void kmain_ap(void);

/*
 * Runs the boot test `test=<name>` names, if any (it stops the machine); returns if there is
 * none. The test kernel's (boot_selftest.c); the kernel users boot refuses every test.
 */
void boot_selftest(const struct boot_info *bi);

/* Chooses whether kernel_stop() ends the emulator (true) or halts forever (false, default). */
void kernel_set_debug_exit(bool enabled);
/* Stops the machine with `code` (KERNEL_EXIT_*): emulator exit if enabled, else halt. */
_Noreturn void kernel_stop(int code);

#endif
