/*
 * The shell's commands, apart from where their text goes: each prints through shell_printf,
 * which the program routes to the console (and so to the serial line as well).
 */
#ifndef KEEL_SHELL_SHELL_H
#define KEEL_SHELL_SHELL_H

#include <stdint.h>

#include "idl/devmgr_client.h"
#include "idl/memory_client.h"
#include "idl/supervisor_client.h"

struct shell {
	void (*out)(void *ctx, const char *text, uint32_t len); /* where output goes */
	void *ctx;
	struct keel_supervisor_client sup; /* ep CAP_NULL: this system gives none */
	struct keel_devmgr_device_manager_client devmgr; /* the same */
	struct keel_memory_client memory;		 /* the same */
};

void shell_printf(struct shell *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The memory server's part of `mem` (memquota.c). */
void shell_mem_quotas(struct shell *sh);
/* The lspci command (lspci.c). */
void shell_lspci(struct shell *sh, int argc, char **argv);
/* Runs one command line (modified in place). */
void shell_run(struct shell *sh, char *line);

#endif /* KEEL_SHELL_SHELL_H */
