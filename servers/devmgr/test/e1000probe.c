/*
 * The device manager's QEMU test driver (//servers/devmgr:devmgr_claim_test): a unit wired to
 * the device manager with ADMIN finds QEMU's default NIC (e1000, 8086:100e), claims its MMIO
 * BAR0 and reads STATUS and CTRL through the mapping, claims its I/O BAR and uses its ports,
 * claims its interrupt line and makes the NIC raise it (ICS). It checks the refusals: no
 * ADMIN, a BAR that is not memory (or not I/O), a line not granted, no device. Then it waits,
 * holding the NIC, until intruder has it crashed.
 */
#include <keel/port.h>
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#include "idl/devmgr_client.h"

#define WHO "e1000probe"
#define MMIO_VA 0x20000000u
#define REG_CTRL 0x0000u
#define REG_STATUS 0x0008u
#define REG_ICR 0x00c0u
#define REG_ICS 0x00c8u
#define REG_IMS 0x00d0u
#define REG_IMC 0x00d8u
#define STATUS_LU 0x2u  /* link up */
#define CTRL_SLU 0x40u  /* set link up */
#define ICR_LSC 0x4u    /* link status change */
#define RW (CAP_RIGHT_READ | CAP_RIGHT_WRITE)

static struct keel_devmgr_device_manager_client dm = {.timeout_us = 1000000};

static volatile uint32_t *reg(uint32_t offset)
{
	return (volatile uint32_t *)(MMIO_VA + offset);
}

/* The NIC's registers through BAR0. */
static void memory_bar(uint8_t nic)
{
	cap_t mem = CAP_NULL;

	CHECK(WHO, "claim_mem BAR0", keel_devmgr_device_manager_claim_mem(&dm, nic, 0, &mem),
	      ERR_OK);
	CHECK(WHO, "BAR0 is memory READ|WRITE", cap_identify(mem),
	      CAP_IDENTIFY(CAP_TYPE_MEMORY, RW));
	CHECK(WHO, "BAR0 pages", sys_mem_info(mem), 0x20000 / 0x1000);
	CHECK(WHO, "BAR0 maps", sys_mem_map(mem, (void *)MMIO_VA, MEM_MAP_READ | MEM_MAP_WRITE),
	      ERR_OK);
	uint32_t status = *reg(REG_STATUS), ctrl = *reg(REG_CTRL);

	uprintf(WHO ": STATUS 0x%08x CTRL 0x%08x\n", (unsigned)status, (unsigned)ctrl);
	CHECK(WHO, "STATUS link up", status & STATUS_LU, STATUS_LU);
	CHECK(WHO, "CTRL set link up", ctrl & CTRL_SLU, CTRL_SLU);
	CHECK(WHO, "BAR1 is no memory BAR", keel_devmgr_device_manager_claim_mem(&dm, nic, 1, &mem),
	      KEEL_DEVMGR_ERROR_NO_SUCH_BAR);
	CHECK(WHO, "BAR6 does not exist", keel_devmgr_device_manager_claim_mem(&dm, nic, 6, &mem),
	      KEEL_DEVMGR_ERROR_NO_SUCH_BAR);
}

/*
 * The I/O BAR: IOADDR at +0, IODATA at +4. QEMU's e1000 leaves that window a stub that reads
 * 0, so what proves the claim is that the port accesses are allowed (without the enabled
 * capability the first `outl` faults and the unit dies).
 */
static void io_bar(uint8_t nic, const struct keel_devmgr_device *d)
{
	cap_t ports = CAP_NULL;
	uint16_t base = (uint16_t)d->bars[1].base;
	uint32_t v;

	CHECK(WHO, "BAR1 is I/O", d->bars[1].kind, KEEL_DEVMGR_BAR_KIND_IO);
	CHECK(WHO, "BAR0 is no I/O BAR", keel_devmgr_device_manager_claim_io(&dm, nic, 0, &ports),
	      KEEL_DEVMGR_ERROR_NO_SUCH_BAR);
	CHECK(WHO, "claim_io BAR1", keel_devmgr_device_manager_claim_io(&dm, nic, 1, &ports),
	      ERR_OK);
	CHECK(WHO, "BAR1 is ioport READ|WRITE", cap_identify(ports),
	      CAP_IDENTIFY(CAP_TYPE_IOPORT, RW));
	CHECK(WHO, "enable the ports", sys_ioport_enable(ports), ERR_OK);
	outl(base, REG_STATUS);
	v = inl((uint16_t)(base + 4));
	CHECK(WHO, "IODATA through the I/O BAR (QEMU's stub: 0)", v, 0);
}

/* The NIC's line: claimed, then raised by the NIC itself (ICS) and acknowledged. */
static void interrupt(uint8_t nic)
{
	cap_t irq = CAP_NULL, events = CAP_NULL;
	uint32_t bits = 0;

	CHECK(WHO, "claim_irq", keel_devmgr_device_manager_claim_irq(&dm, nic, &irq, &events),
	      ERR_OK);
	CHECK(WHO, "irq WRITE", cap_identify(irq), CAP_IDENTIFY(CAP_TYPE_IRQ, CAP_RIGHT_WRITE));
	CHECK(WHO, "events READ", cap_identify(events),
	      CAP_IDENTIFY(CAP_TYPE_NOTIFICATION, CAP_RIGHT_READ));
	(void)*reg(REG_ICR); /* nothing pending from before */
	*reg(REG_IMS) = ICR_LSC;
	*reg(REG_ICS) = ICR_LSC;
	CHECK(WHO, "the interrupt arrives", sys_notify_wait(events, &bits, 1000000), ERR_OK);
	CHECK(WHO, "with bit 0", bits, 1);
	CHECK(WHO, "ICR says why", *reg(REG_ICR) & ICR_LSC, ICR_LSC);
	*reg(REG_IMC) = 0xffffffffu;
	CHECK(WHO, "acknowledge", sys_irq_ack(irq), ERR_OK);
}

/* Refusals: no ADMIN, no such device, a line the system did not give. */
static void refusals(uint8_t nic)
{
	cap_t c = CAP_NULL, e = CAP_NULL, reader = cap_derive(dm.ep, CAP_RIGHT_READ | CAP_RIGHT_WRITE, 0);
	struct keel_devmgr_device_manager_client plain = {.ep = reader, .timeout_us = 1000000};
	uint8_t acpi = 0xff;

	CHECK(WHO, "claim_mem without ADMIN", keel_devmgr_device_manager_claim_mem(&plain, nic, 0, &c),
	      ERR_RIGHTS);
	CHECK(WHO, "claim_irq without ADMIN",
	      keel_devmgr_device_manager_claim_irq(&plain, nic, &c, &e), ERR_RIGHTS);
	CHECK(WHO, "no device 200", keel_devmgr_device_manager_claim_mem(&dm, 200, 0, &c),
	      KEEL_DEVMGR_ERROR_NO_SUCH_DEVICE);
	CHECK(WHO, "find the PIIX4 ACPI function",
	      keel_devmgr_device_manager_find(&dm, 0x8086, 0x7113, &acpi), ERR_OK);
	CHECK(WHO, "its line 9 is not granted",
	      keel_devmgr_device_manager_claim_irq(&dm, acpi, &c, &e), KEEL_DEVMGR_ERROR_NOT_GRANTED);
	cap_delete(reader);
}

int main(uintptr_t arg)
{
	struct keel_devmgr_device d;
	uint8_t nic = 0xff;
	uint32_t bits;

	(void)arg;
	dm.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.devmgr.DeviceManager");
	CHECK(WHO, "find 8086:100e", keel_devmgr_device_manager_find(&dm, 0x8086, 0x100e, &nic),
	      ERR_OK);
	CHECK(WHO, "device", keel_devmgr_device_manager_device(&dm, nic, &d), ERR_OK);
	uprintf(WHO ": e1000 at %02x:%02x.%x, BAR0 0x%x+0x%x, BAR1 0x%x+0x%x, irq %u\n", d.bus,
		d.slot, d.function, (unsigned)d.bars[0].base, (unsigned)d.bars[0].size,
		(unsigned)d.bars[1].base, (unsigned)d.bars[1].size, d.irq);
	memory_bar(nic);
	io_bar(nic, &d);
	interrupt(nic);
	refusals(nic);
	uprintf(WHO ": %d failed; waiting to be crashed\n", check_failed);
	sys_notify_wait(sys_notify_create(), &bits, IPC_WAIT_FOREVER);
	return 1;
}
