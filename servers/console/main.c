/*
 * The console server: a VGA text console in its own unit (docs/system.md, "Console"). It holds
 * only what init gives it through the startup table: the endpoint it serves, the VGA text page
 * ("vga"), the CRTC ports ("crtc", the hardware cursor) and, optionally, a client capability to
 * the serial server that mirrors everything shown.
 */
#include <keel/port.h>
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "idl/serial_client.h"
#include "servers/console/service.h"
#include "servers/log/log.h"

#define VGA_VA		  0x30000000u
#define SERIAL_TIMEOUT_US 20000u /* a serial call taking longer counts as failed */
#define RETRY_PAUSE_US	  1000u

static struct console console;
static struct keel_serial_client serial;

static void port_out(void *ctx, uint16_t port, uint8_t value)
{
	(void)ctx;
	outb(port, value);
}

static int32_t serial_send(void *ctx, const uint8_t *buf, uint8_t len, uint8_t *accepted)
{
	struct keel_serial_chunk_max_bytes data = {.len = len};

	memcpy(data.data, buf, len);
	return keel_serial_write(ctx, &data, accepted);
}

static void serial_pause(void *ctx)
{
	(void)ctx;
	sys_sleep_us(RETRY_PAUSE_US);
}

/* The VGA page mapped and the CRTC ports enabled; names the first capability that fails. */
static int32_t devices(volatile uint16_t **vga)
{
	cap_t page = keel_startup_cap(KEEL_STARTUP_DEVMEM, "vga");
	cap_t crtc = keel_startup_cap(KEEL_STARTUP_IOPORT, "crtc");
	int32_t r;

	if ((r = sys_mem_map(page, (void *)VGA_VA, MEM_MAP_READ | MEM_MAP_WRITE)) != ERR_OK) {
		uprintf("console: cannot map devmem \"vga\" (cap %d): %d\n", (int)page, (int)r);
		return r;
	}
	if ((r = sys_ioport_enable(crtc)) != ERR_OK) {
		uprintf("console: cannot enable ioport \"crtc\" (cap %d): %d\n", (int)crtc, (int)r);
		return r;
	}
	*vga = (volatile uint16_t *)VGA_VA;
	return ERR_OK;
}

int main(uintptr_t arg)
{
	cap_t ep = keel_startup_cap(KEEL_STARTUP_SERVE, "keel.console.Console");
	volatile uint16_t *vga = NULL;
	int32_t r;

	(void)arg;
	keel_log_start(); /* the log goes to the serial server, if the manifest gives one */
	if (ep == CAP_NULL) {
		uprintf("console: no endpoint to serve (keel.console.Console)\n");
		return 1;
	}
	if (devices(&vga) != ERR_OK)
		return 1;
	console_init(&console, vga, port_out, NULL);
	serial.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.serial.Serial");
	serial.timeout_us = SERIAL_TIMEOUT_US;
	if (serial.ep != CAP_NULL)
		mirror_init(&console.mirror, serial_send, serial_pause, &serial);
	uprintf("console: serving, serial mirror %s\n", serial.ep != CAP_NULL ? "on" : "off");
	r = console_service_run(ep, &console);
	uprintf("console: loop ended with %d\n", (int)r);
	return 1;
}
