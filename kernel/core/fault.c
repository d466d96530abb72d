/*
 * The user fault reporting point: formats one line per fault and kills the faulting thread.
 * Later the same report goes to a supervisor over IPC instead of (or besides) the console.
 */
#include <kernel/fault.h>
#include <kernel/kprintf.h>
#include <kernel/percpu.h>
#include <kernel/process.h>
#include <kernel/thread.h>
#include <kernel/trace.h>
#include <kernel/unit.h>

/* Register names in the line are the i686 ones the issue 3 contract fixes (EIP, CR2). */
void fault_format(const struct fault_info *f, const char *unit_name, uint32_t tid, char *buf,
		  size_t size)
{
	int n = ksnprintf(buf, size,
			  "fault: unit %s thread %u: %s %s (vector %u) error=0x%08x%s%s%s "
			  "EIP=0x%08lx",
			  unit_name, tid, f->mnemonic, f->name, f->vector, f->error,
			  f->decoded[0] ? " [" : "", f->decoded, f->decoded[0] ? "]" : "",
			  (unsigned long)f->ip);

	if (n < 0 || (size_t)n >= size)
		return;
	if (f->has_addr)
		n += ksnprintf(buf + n, size - (size_t)n, " CR2=0x%08lx", (unsigned long)f->addr);
	if ((size_t)n < size)
		ksnprintf(buf + n, size - (size_t)n, "; thread killed");
}

void fault_user(const struct fault_info *f)
{
	struct thread *t = current_thread();
	char line[FAULT_LINE_MAX];

	const char *unit = t && t->unit ? t->unit->name : "?";

	TRACE(TRACE_EV_FAULT, f->vector, f->ip, f->error, f->addr);
	fault_format(f, unit, t ? t->tid : 0, line, sizeof(line));
	kprintf("%s\n", line); /* one call: the line is never interleaved */
	int n = ksnprintf(line, sizeof(line), "fault: unit %s thread %u: user backtrace", unit,
			  t ? t->tid : 0);

	for (unsigned i = 0; i < f->nframes && n > 0 && (size_t)n < sizeof(line); i++)
		n += ksnprintf(line + n, sizeof(line) - (size_t)n, " 0x%08lx",
			       (unsigned long)f->frames[i]);
	if (f->nframes > 0)
		kprintf("%s\n", line);
	process_kill_current();
}
