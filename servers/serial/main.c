/*
 * The serial server (COM1): finds its capabilities in the startup table, sets the UART up,
 * starts the interrupt forwarder and serves idl/serial.idl. The forwarder waits on the IRQ's
 * notification and calls the server's own endpoint with the SELF capability; the main loop
 * recognises those calls by their badge and serves the device itself, so only the main thread
 * touches the driver's state (docs/system.md, "Servers with interrupts"). The server's own
 * lines go into its transmit ring like a client's write (it cannot call itself; in test
 * images they stay on SYS_DEBUG_PRINT), so only the main thread prints.
 */
#include <keel/port.h>
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "servers/log/log.h"
#include "servers/serial/serial.h"

#define SERIAL_NAME	 "keel.serial.Serial"
#define SERIAL_PORT_NAME "com1"
/* A forwarded interrupt: interface 0 is no IDL interface, so no request looks like one. */
#define FORWARD_TYPE IPC_TYPE(0, 1)
/* The forwarder stopped (data: its error); the main thread logs it. */
#define FORWARD_STOP_TYPE IPC_TYPE(0, 2)
/* While received bytes wait for room in the subscriber's channel, the forwarder comes back
 * after this long even without an interrupt. */
#define RETRY_US	2000u
#define FORWARDER_STACK 4096
/* LSR reads the server spends at most sending its last lines before it ends: ~1 s of reads,
 * more than 1024 bytes take at 9600 baud. */
#define DRAIN_POLLS (1u << 20)

struct serial_caps {
	cap_t serve, self, ports, irq, notify;
	uint32_t bits, line;
};

static struct serial_caps caps;
static struct serial_state state;
static uint8_t forwarder_stack[FORWARDER_STACK] __attribute__((aligned(16)));

static struct uart_io com1_io = {.in = inb, .out = outb};

/* keel_log_start_local's writer: the server's own lines go into its transmit ring. */
static uint32_t log_to_ring(const char *buf, uint32_t len)
{
	return serial_log_text(&state, buf, len);
}

/*
 * A restarted server's rings went with its previous instance: bytes that write() had accepted
 * (queued, not yet sent) and received bytes not yet delivered. Nothing tells how many; say
 * the bound, once (docs/system.md, "Serial": what an accepted write promises).
 */
static void report_restart(void)
{
	const struct keel_startup *t = keel_startup();

	if (t != NULL && t->restarts > 0)
		uprintf("serial: restart %u: up to %u written bytes not yet sent and %u received "
			"bytes not yet delivered were lost with the previous instance\n",
			(unsigned)t->restarts, (unsigned)SERIAL_TX_RING, (unsigned)SERIAL_RX_RING);
}

/* Before the server ends (its rings go with it): sends its last lines, waiting ones too. */
static void drain_log(void)
{
	for (unsigned round = 0; round < 4; round++) {
		(void)uart_drain(&state.dev, DRAIN_POLLS);
		keel_log_flush();
	}
	(void)uart_drain(&state.dev, DRAIN_POLLS);
}

/* Waits for the IRQ (or a retry tick) and hands it to the main loop as a call. */
static void forwarder(uintptr_t arg)
{
	uint64_t wait = IPC_WAIT_FOREVER;
	int32_t r;

	(void)arg;
	(void)keel_irq_to_this_cpu(caps.irq); /* the wake-up stays on this CPU */
	for (;;) {
		struct ipc_message m = {.type = FORWARD_TYPE, .length = 4};
		uint32_t bits = 0;

		r = sys_notify_wait(caps.notify, &bits, wait);
		if (r != ERR_OK && r != ERR_TIMEOUT)
			break;
		for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
			m.caps[i] = CAP_NULL;
		memcpy(m.data, &bits, sizeof(bits));
		r = ipc_call(caps.self, &m, NULL, IPC_WAIT_FOREVER);
		if (r != ERR_OK)
			break;
		wait = m.data[0] ? RETRY_US : IPC_WAIT_FOREVER;
	}
	/* The main thread logs it (if this call fails, the endpoint is gone and the main
	 * loop's own receive fails and says so). */
	struct ipc_message stop = {.type = FORWARD_STOP_TYPE, .length = 4};

	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		stop.caps[i] = CAP_NULL;
	memcpy(stop.data, &r, sizeof(r));
	(void)ipc_call(caps.self, &stop, NULL, IPC_WAIT_FOREVER);
}

/*
 * A call of the forwarder. The reply to a forwarded interrupt says whether received bytes
 * still wait (data[0]); the transmit ring may have room again, so log lines waiting go in.
 */
static void on_forward(struct ipc_message *m)
{
	uint32_t bits;
	bool backlog = false;

	memcpy(&bits, m->data, sizeof(bits));
	if (m->type == FORWARD_STOP_TYPE) {
		uprintf("serial: interrupt forwarder stopped: %s\n", keel_strerror((int32_t)bits));
	} else {
		backlog = serial_on_interrupt(&state);
		if (bits & caps.bits)
			(void)sys_irq_ack(caps.irq);
		keel_log_flush();
	}
	m->type |= IPC_TYPE_REPLY;
	m->length = 1;
	m->data[0] = backlog ? 1 : 0;
}

static bool find_caps(void)
{
	const struct keel_startup_entry *n =
	    keel_startup_find(keel_startup(), KEEL_STARTUP_IRQ_NOTIFY, SERIAL_PORT_NAME);

	caps.serve = keel_startup_cap(KEEL_STARTUP_SERVE, SERIAL_NAME);
	caps.self = keel_startup_cap(KEEL_STARTUP_SELF, SERIAL_NAME);
	caps.ports = keel_startup_cap(KEEL_STARTUP_IOPORT, SERIAL_PORT_NAME);
	caps.irq = keel_startup_cap(KEEL_STARTUP_IRQ, SERIAL_PORT_NAME);
	caps.notify = n != NULL ? n->cap : CAP_NULL;
	caps.bits = n != NULL ? n->arg1 : 0;
	caps.line = n != NULL ? n->arg0 : 0;
	return caps.serve != CAP_NULL && caps.self != CAP_NULL && caps.ports != CAP_NULL &&
	       caps.irq != CAP_NULL && caps.notify != CAP_NULL && caps.bits != 0;
}

static int32_t start_forwarder(void)
{
	struct keel_unit_info me;
	int32_t r = sys_unit_info(CAP_SELF, &me);

	if (r != ERR_OK)
		return r;
	return sys_thread_create(forwarder, forwarder_stack + sizeof(forwarder_stack), 0,
				 me.max_priority);
}

/* The main loop: forwarded interrupts are served here, everything else by dispatch. */
static int32_t serve(struct keel_serial_server *srv)
{
	struct ipc_message m;
	struct ipc_recv_info info;
	int32_t r = ipc_recv(caps.serve, &m, &info, IPC_WAIT_FOREVER);

	while (r == ERR_OK) {
		bool reply;

		if (info.badge == KEEL_BADGE_SELF &&
		    (m.type == FORWARD_TYPE || m.type == FORWARD_STOP_TYPE)) {
			on_forward(&m);
			reply = true;
		} else {
			reply = keel_serial_dispatch(srv, &m, &info);
		}
		if (reply)
			r = ipc_reply_recv(caps.serve, &m, &info, IPC_WAIT_FOREVER);
		else
			r = ipc_recv(caps.serve, &m, &info, IPC_WAIT_FOREVER);
	}
	return r;
}

int main(uintptr_t arg)
{
	struct keel_serial_server srv;
	const struct keel_startup_entry *p;
	int32_t r;

	(void)arg;
	if (!find_caps()) {
		uprintf("serial: startup table lacks serve/self %s, ioport/irq/irq-notify %s\n",
			SERIAL_NAME, SERIAL_PORT_NAME);
		return 1;
	}
	p = keel_startup_find(keel_startup(), KEEL_STARTUP_IOPORT, SERIAL_PORT_NAME);
	com1_io.base = (uint16_t)p->arg0;
	if (p->arg1 < UART_PORTS || (r = sys_ioport_enable(caps.ports)) != ERR_OK) {
		uprintf("serial: ioport %s (base 0x%x, %u ports) unusable\n", SERIAL_PORT_NAME,
			(unsigned)p->arg0, (unsigned)p->arg1);
		return 1;
	}
	serial_state_init(&state, &com1_io);
	(void)keel_log_start_local(log_to_ring, "serial");
	uprintf("serial: COM1 at 0x%x, irq %u, 115200 baud 8N1\n", (unsigned)p->arg0,
		(unsigned)caps.line);
	report_restart();
	keel_serial_server_init(&srv, caps.serve, &serial_handlers, &state);
	r = start_forwarder();
	/* A killed predecessor may have left the line masked (an interrupt it never
	 * acknowledged, whose notification bits it had taken): unmask it; harmless if not. */
	(void)sys_irq_ack(caps.irq);
	if (r < 0)
		uprintf("serial: interrupt forwarder not started: %s\n", keel_strerror(r));
	else
		uprintf("serial: receive failed: %s\n", keel_strerror(serve(&srv)));
	drain_log();
	return 1;
}
