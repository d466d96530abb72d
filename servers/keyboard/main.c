/*
 * The PS/2 keyboard server (docs/system.md, "Keyboard"). It holds only what its startup
 * table gives it: the endpoint of keel.keyboard.Keyboard to serve and its own SELF
 * capability to it, the ports `ps2` (0x60) and `ps2ctl` (0x64), IRQ 1 (`ps2`) and the
 * notification it signals. A forwarder thread turns each interrupt into a call with the
 * SELF badge; the main loop serves those itself and dispatches every other request, so the
 * service's state has one thread.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "servers/keyboard/ps2.h"
#include "servers/keyboard/service.h"
#include "servers/log/log.h"

#define INTERFACE    "keel.keyboard.Keyboard"
#define PORTS	     "ps2"
#define PORTS_CTL    "ps2ctl"
#define PRIORITY_TOP 254u

struct caps {
	cap_t serve, self, data, ctl, irq, note;
};

static struct caps caps;
static struct kbd_service service;
static _Alignas(16) uint8_t forwarder_stack[2048];

/* Looks every capability up by kind and name; false (naming the first missing) if one is. */
static bool find_caps(struct caps *c)
{
	static const struct {
		enum keel_startup_kind kind;
		const char *name;
		size_t offset;
	} want[] = {
	    {KEEL_STARTUP_SERVE, INTERFACE, offsetof(struct caps, serve)},
	    {KEEL_STARTUP_SELF, INTERFACE, offsetof(struct caps, self)},
	    {KEEL_STARTUP_IOPORT, PORTS, offsetof(struct caps, data)},
	    {KEEL_STARTUP_IOPORT, PORTS_CTL, offsetof(struct caps, ctl)},
	    {KEEL_STARTUP_IRQ, PORTS, offsetof(struct caps, irq)},
	    {KEEL_STARTUP_IRQ_NOTIFY, PORTS, offsetof(struct caps, note)},
	};

	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		cap_t cap = keel_startup_cap(want[i].kind, want[i].name);

		if (cap == CAP_NULL) {
			uprintf("keyboard: no startup capability of kind %u named \"%s\"\n",
				(unsigned)want[i].kind, want[i].name);
			return false;
		}
		*(cap_t *)((char *)c + want[i].offset) = cap;
	}
	return true;
}

/*
 * The forwarder: each interrupt becomes a call on the server's own endpoint with the SELF
 * capability, answered once the main loop has served the device. If it cannot go on the
 * whole unit ends, so that init restarts it rather than leave a deaf server.
 */
static void forwarder(uintptr_t arg)
{
	struct ipc_message m;
	struct ipc_recv_info info;
	uint32_t bits;
	int32_t rc;

	(void)arg;
	(void)keel_irq_to_this_cpu(caps.irq); /* the wake-up stays on this CPU */
	for (;;) {
		rc = sys_notify_wait(caps.note, &bits, IPC_WAIT_FOREVER);
		if (rc != ERR_OK)
			break;
		m = (struct ipc_message){.type = IPC_TYPE(KEEL_KEYBOARD_IFACE_ID, 0)};
		for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
			m.caps[i] = CAP_NULL;
		rc = ipc_call(caps.self, &m, &info, IPC_WAIT_FOREVER);
		if (rc != ERR_OK)
			break;
	}
	uprintf("keyboard: the interrupt forwarder stops: %d\n", (int)rc);
	sys_exit_unit(1);
}

/* The forwarder at the highest priority this unit may use: interrupts come first. */
static bool start_forwarder(void)
{
	for (uint32_t prio = PRIORITY_TOP; prio > 0; prio--) {
		int32_t t = sys_thread_create(forwarder, forwarder_stack + sizeof(forwarder_stack),
					      0, prio);

		if (t >= 0)
			return true;
		if (t != ERR_RIGHTS) {
			uprintf("keyboard: cannot start the forwarder: %d\n", (int)t);
			return false;
		}
	}
	return false;
}

/* The main loop: interrupts (SELF badge) served here, everything else dispatched. */
static int32_t serve(struct keel_keyboard_server *srv)
{
	struct ipc_message msg;
	struct ipc_recv_info info;
	int32_t rc = ipc_recv(caps.serve, &msg, &info, IPC_WAIT_FOREVER);
	bool reply;

	while (rc == ERR_OK) {
		if (info.badge == KEEL_BADGE_SELF) {
			kbd_service_interrupt(&service);
			sys_irq_ack(caps.irq);
			msg = (struct ipc_message){.type = msg.type | IPC_TYPE_REPLY};
			for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
				msg.caps[i] = CAP_NULL;
			reply = (info.flags & IPC_RECV_CALL) != 0;
		} else {
			reply = keel_keyboard_dispatch(srv, &msg, &info);
		}
		rc = reply ? ipc_reply_recv(caps.serve, &msg, &info, IPC_WAIT_FOREVER)
			   : ipc_recv(caps.serve, &msg, &info, IPC_WAIT_FOREVER);
	}
	return rc;
}

int main(uintptr_t arg)
{
	struct keel_keyboard_server srv;
	int32_t rc;

	(void)arg;
	keel_log_start(); /* the log goes to the serial server, if the manifest gives one */
	if (!find_caps(&caps))
		return 1;
	if (sys_ioport_enable(caps.data) != ERR_OK || sys_ioport_enable(caps.ctl) != ERR_OK) {
		uprintf("keyboard: cannot enable ports \"%s\" and \"%s\"\n", PORTS, PORTS_CTL);
		return 1;
	}
	if (!kbd_ps2_init())
		return 1;
	kbd_service_init(&service);
	keel_keyboard_server_init(&srv, caps.serve, &kbd_handlers, &service);
	if (!start_forwarder())
		return 1;
	uprintf("keyboard: serving %s\n", INTERFACE);
	rc = serve(&srv);
	uprintf("keyboard: receive failed: %d\n", (int)rc);
	return 1;
}
