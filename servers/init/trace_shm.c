/*
 * The trace's shared-memory channel (servers/tracer/trace_stream.h, struct trace_shm): QEMU's
 * ivshmem device, found on PCI bus 0 before the device manager runs (init reads configuration
 * space only here, at its start), its memory carved out of CAP_ROOT_DEVMEM and mapped at
 * INIT_TRACE_SHM_VA, checked against the header the host tool laid out.
 */
#include <keel/port.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "servers/init/init.h"
#include "servers/tracer/trace_stream.h"

#define PCI_ADDRESS 0xcf8u
#define PCI_DATA    0xcfcu
#define PCI_BAR2    0x18u /* ivshmem's memory: a 64-bit BAR, its high half at 0x1c */
#define SHM_MAX     (64u << 20) /* the mapping window init keeps for it */

static uint32_t pci_read(uint32_t device, uint32_t offset)
{
	outl(PCI_ADDRESS, 0x80000000u | device << 11 | offset);
	return inl(PCI_DATA);
}

/* Maps `bytes` of device memory at `base` to INIT_TRACE_SHM_VA; *mem: its capability. */
static int32_t shm_map(uint32_t base, uint32_t bytes, cap_t *mem)
{
	*mem = sys_devmem_create(CAP_ROOT_DEVMEM, base, bytes);
	if (*mem < 0)
		return *mem;
	return sys_mem_map(*mem, (void *)INIT_TRACE_SHM_VA, MEM_MAP_READ | MEM_MAP_WRITE);
}

/* The header's first page mapped: whether it is a channel the host laid out. */
static const char *shm_check(const struct trace_shm *s)
{
	if (s->magic != TRACE_SHM_MAGIC || s->version != TRACE_STREAM_VERSION)
		return "not laid out by the host (magic or version)";
	if (s->data_offset % 4096u != 0 || s->data_offset < sizeof(*s) || s->size < 4096u ||
	    s->size > SHM_MAX - s->data_offset)
		return "a bad layout";
	return NULL;
}

/* The channel's base, or 0: the first ivshmem device's 32-bit placed memory. */
static uint32_t shm_find(void)
{
	int32_t ports = sys_ioport_create(CAP_ROOT_IOPORT, PCI_ADDRESS, 8);
	uint32_t base = 0;

	if (ports < 0 || sys_ioport_enable(ports) != ERR_OK)
		return 0;
	for (uint32_t dev = 0; dev < 32 && base == 0; dev++) {
		if (pci_read(dev, 0) == (TRACE_SHM_DEVICE << 16 | TRACE_SHM_VENDOR) &&
		    pci_read(dev, PCI_BAR2 + 4) == 0)
			base = pci_read(dev, PCI_BAR2) & ~0xfu;
	}
	cap_delete(ports); /* the port object goes, and init's access to the ports with it */
	return base;
}

struct trace_shm *init_trace_shm(void)
{
	struct trace_shm *s = (struct trace_shm *)INIT_TRACE_SHM_VA;
	uint32_t base = shm_find();
	const char *why = NULL;
	cap_t page, all;

	if (base == 0)
		return NULL;
	int32_t r = shm_map(base, 4096u, &page);

	if (r == ERR_OK && (why = shm_check(s)) == NULL) {
		uint32_t bytes = s->data_offset + s->size; /* read before the page goes */

		sys_mem_unmap(s);
		cap_delete(page);
		r = shm_map(base, (bytes + 4095u) & ~4095u, &all);
	}
	if (r == ERR_OK && why == NULL)
		return s;
	uprintf("init: an ivshmem device at %#x, but no trace channel: %s\n", (unsigned)base,
		why ? why : keel_strerror(r));
	return NULL;
}
