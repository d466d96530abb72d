/*
 * Root task of the device-memory test: CAP_ROOT_DEVMEM carves device ranges but never RAM;
 * the display controller's framebuffer BAR, found by walking PCI configuration space from
 * user space (ports 0xCF8-0xCFF), is carved, mapped, written and read back; and revoking the
 * control capability takes the carved capability away. A carved range with ADMIN carves
 * sub-ranges within it, which revoking it takes away.
 */
#include <stdint.h>

#include <keel/port.h>
#include <keel/syscall.h>
#include <tests/check.h>

#define PAGE	      0x1000u
#define FB_VA	      0x20000000u
#define PCI_ADDRESS   0xCF8u
#define PCI_DATA      0xCFCu
#define CLASS_DISPLAY 0x03u
#define BAR_IO	      0x1u
#define BAR_TYPE_64   0x4u

static uint32_t pci_read(uint32_t dev, uint32_t reg)
{
	outl(PCI_ADDRESS, 0x80000000u | dev << 11 | reg);
	return inl(PCI_DATA);
}

/* BAR0 of the first display controller on bus 0 (a memory BAR), or 0. */
static uint32_t display_bar0(void)
{
	for (uint32_t dev = 0; dev < 32; dev++) {
		uint32_t id = pci_read(dev, 0x00), bar;

		if ((id & 0xffffu) == 0xffffu || pci_read(dev, 0x08) >> 24 != CLASS_DISPLAY)
			continue;
		bar = pci_read(dev, 0x10);
		return (bar & BAR_IO) ? 0 : bar & ~0xfu;
	}
	return 0;
}

static void refusals(void)
{
	cap_t no_admin = cap_derive(CAP_ROOT_DEVMEM, CAP_RIGHT_READ | CAP_RIGHT_WRITE, 0);

	CHECK("devmem", "control", cap_identify(CAP_ROOT_DEVMEM),
	      CAP_IDENTIFY(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL));
	CHECK("devmem", "low RAM", sys_devmem_create(CAP_ROOT_DEVMEM, 0x1000u, PAGE), ERR_INVALID);
	CHECK("devmem", "the kernel", sys_devmem_create(CAP_ROOT_DEVMEM, 0x100000u, PAGE),
	      ERR_INVALID);
	CHECK("devmem", "straddles RAM", sys_devmem_create(CAP_ROOT_DEVMEM, 0x9f000u, 2 * PAGE),
	      ERR_INVALID);
	CHECK("devmem", "misaligned", sys_devmem_create(CAP_ROOT_DEVMEM, 0xb8100u, PAGE),
	      ERR_INVALID);
	CHECK("devmem", "empty", sys_devmem_create(CAP_ROOT_DEVMEM, 0xb8000u, 0), ERR_INVALID);
	CHECK("devmem", "past 4 GiB", sys_devmem_create(CAP_ROOT_DEVMEM, 0xfffff000u, 2 * PAGE),
	      ERR_INVALID);
	CHECK("devmem", "without ADMIN", sys_devmem_create(no_admin, 0xb8000u, PAGE), ERR_RIGHTS);
	CHECK("devmem", "VGA memory has no ADMIN", sys_devmem_create(CAP_ROOT_VGA, 0xb8000u, PAGE),
	      ERR_RIGHTS);
	CHECK("devmem", "a budget is no control",
	      sys_devmem_create(CAP_ROOT_BUDGET, 0xb8000u, PAGE), ERR_INVALID);
	CHECK("devmem", "the control is not mappable",
	      sys_mem_map(CAP_ROOT_DEVMEM, (void *)FB_VA, MEM_MAP_READ), ERR_INVALID);
	cap_delete(no_admin);
}

/* Text memory carved from the control, as any device range. */
static void legacy_vga(void)
{
	cap_t vga = sys_devmem_create(CAP_ROOT_DEVMEM, 0xb8000u, 8 * PAGE);

	CHECK("devmem", "legacy VGA: the control's rights", cap_identify(vga),
	      CAP_IDENTIFY(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL));
	CHECK("devmem", "legacy VGA pages", sys_mem_info(vga), 8);
	CHECK("devmem", "delete", cap_delete(vga), ERR_OK);
}

/* A range with ADMIN carves sub-ranges within it; revoking it takes them. */
static void sub_ranges(void)
{
	cap_t vga = sys_devmem_create(CAP_ROOT_DEVMEM, 0xb8000u, 8 * PAGE);
	cap_t rw = cap_derive(vga, CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);
	cap_t sub = sys_devmem_create(vga, 0xba000u, 2 * PAGE), subsub;

	CHECK("devmem", "sub-range: the range's rights", cap_identify(sub),
	      CAP_IDENTIFY(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL));
	CHECK("devmem", "sub-range pages", sys_mem_info(sub), 2);
	CHECK("devmem", "sub-range maps", sys_mem_map(sub, (void *)FB_VA, MEM_MAP_READ), ERR_OK);
	CHECK("devmem", "sub-range unmaps", sys_mem_unmap((void *)FB_VA), ERR_OK);
	CHECK("devmem", "sub-range past the end",
	      sys_devmem_create(vga, 0xbe000u, 4 * PAGE), ERR_INVALID);
	CHECK("devmem", "sub-range below the base",
	      sys_devmem_create(vga, 0xb7000u, 2 * PAGE), ERR_INVALID);
	CHECK("devmem", "sub-range misaligned", sys_devmem_create(vga, 0xba800u, PAGE),
	      ERR_INVALID);
	CHECK("devmem", "sub-range without ADMIN", sys_devmem_create(rw, 0xba000u, PAGE),
	      ERR_RIGHTS);
	subsub = sys_devmem_create(sub, 0xbb000u, PAGE);
	CHECK("devmem", "a sub-range of a sub-range", sys_mem_info(subsub), 1);
	CHECK("devmem", "revoke the range", cap_revoke(vga), ERR_OK);
	CHECK("devmem", "its sub-range went", cap_identify(sub), ERR_BAD_CAP);
	CHECK("devmem", "and the sub-range's", cap_identify(subsub), ERR_BAD_CAP);
	CHECK("devmem", "and the derived one", cap_identify(rw), ERR_BAD_CAP);
	CHECK("devmem", "delete the range", cap_delete(vga), ERR_OK);
}

static void framebuffer(void)
{
	cap_t ports = sys_ioport_create(CAP_ROOT_IOPORT, PCI_ADDRESS, 8);
	uint32_t bar;
	cap_t fb;

	CHECK("devmem", "pci ports", sys_ioport_enable(ports), ERR_OK);
	bar = display_bar0();
	CHECK("devmem", "display BAR0 found", bar != 0 && (bar & (PAGE - 1)) == 0, 1);
	fb = sys_devmem_create(CAP_ROOT_DEVMEM, bar, 4 * PAGE);
	CHECK("devmem", "carve the BAR", fb > 0, 1);
	CHECK("devmem", "map the BAR", sys_mem_map(fb, (void *)FB_VA, MEM_MAP_READ | MEM_MAP_WRITE),
	      ERR_OK);
	for (uint32_t i = 0; i < 4 * PAGE / 4; i++)
		((volatile uint32_t *)FB_VA)[i] = 0x5eed0000u + i;
	uint32_t bad = 0;

	for (uint32_t i = 0; i < 4 * PAGE / 4; i++)
		bad += ((volatile uint32_t *)FB_VA)[i] != 0x5eed0000u + i;
	CHECK("devmem", "framebuffer reads back", bad, 0);
	CHECK("devmem", "revoke the control", cap_revoke(CAP_ROOT_DEVMEM), ERR_OK);
	CHECK("devmem", "the carved capability went", cap_identify(fb), ERR_BAD_CAP);
	CHECK("devmem", "and its mapping", sys_mem_unmap((void *)FB_VA), ERR_NOT_FOUND);
}

int main(uintptr_t arg)
{
	(void)arg;
	refusals();
	legacy_vga();
	sub_ranges();
	framebuffer();
	uprintf("devmem test: %d failed\n", check_failed);
	return check_failed;
}
