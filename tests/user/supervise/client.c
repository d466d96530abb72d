/*
 * The supervision test's client: calls the crasher through the capability init gave it. A
 * call the server dies in fails with ERR_PEER_DIED; the next call, made at once with the same
 * capability, waits on the endpoint until init has restarted the server and succeeds. Once
 * the server has ended more often than its limit, init leaves it stopped and calls time out.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#include "codegen/examples/echo/echo_client.h"
#include "idl/supervisor_client.h"

static uint32_t ended_seen;

static void on_ended(void *ctx, const struct idl_caller *from, uint8_t unit, uint8_t how)
{
	(void)ctx;
	(void)from;
	ended_seen++;
	CHECK("client", "ended: the crasher's badge", unit, 1);
	CHECK("client", "ended: killed", how, KEEL_SUPERVISOR_END_KIND_KILLED);
}

/* What init's supervisor says about the crasher (unit 0) and its capabilities. */
static void check_supervisor(const struct keel_supervisor_client *sup)
{
	struct keel_supervisor_unit_status st;
	struct keel_supervisor_cap_info caps[KEEL_SUPERVISOR_CAPS_MAX];
	uint8_t n = 0;

	CHECK("client", "units", keel_supervisor_count(sup, &n), ERR_OK);
	CHECK("client", "unit count", n, 2);
	CHECK("client", "status", keel_supervisor_status(sup, 0, &st), ERR_OK);
	CHECK("client", "status name", st.name.len == 7 && memcmp(st.name.data, "crasher", 7) == 0,
	      1);
	CHECK("client", "status state", st.state, KEEL_SUPERVISOR_UNIT_STATE_RUNNING);
	CHECK("client", "status priority", st.priority, 60);
	CHECK("client", "status threads", st.threads, 1);
	CHECK("client", "status budget", st.frames_total, 64);
	CHECK("client", "status frames used", st.frames_free < 64 && st.frames_image > 0, 1);
	CHECK("client", "no such unit", keel_supervisor_status(sup, 2, &st),
	      KEEL_SUPERVISOR_ERROR_NO_SUCH_UNIT);
	CHECK("client", "caps", keel_supervisor_caps(sup, 0, 0, &n, caps), ERR_OK);
	/* CAP_SELF, budget, startup table, then the served endpoint: READ; its own: WRITE. */
	CHECK("client", "caps count", n, 5);
	CHECK("client", "serve cap", caps[3].type == CAP_TYPE_ENDPOINT &&
	      caps[3].rights == CAP_RIGHT_READ && caps[3].badge == 0, 1);
	CHECK("client", "self cap", caps[4].type == CAP_TYPE_ENDPOINT &&
	      caps[4].rights == CAP_RIGHT_WRITE && caps[4].badge == KEEL_BADGE_SELF, 1);
	/* One endpoint behind both; init derived them; the unit's own capability is a root. */
	CHECK("client", "one object", caps[3].object != 0 && caps[3].object == caps[4].object, 1);
	CHECK("client", "unit cap is a root", caps[0].parent_unit, 0);
	uint32_t from = caps[3].parent_unit;

	CHECK("client", "init's caps", keel_supervisor_caps(sup, KEEL_SUPERVISOR_INIT, 0, &n, caps),
	      ERR_OK);
	CHECK("client", "init's own unit", caps[0].slot == 0 && caps[0].type == CAP_TYPE_UNIT, 1);
	CHECK("client", "derived from init's", from != 0 && from == caps[0].object, 1);
}

static int32_t say(const struct keel_echo_client *c, const char *text)
{
	struct keel_echo_text_max_string in = {.len = (uint8_t)strlen(text)}, out = {0};
	int32_t r;

	memcpy(in.data, text, in.len);
	r = keel_echo_echo(c, &in, &out);
	if (r == ERR_OK && (out.len != in.len || memcmp(out.data, text, in.len) != 0))
		return ERR_PROTOCOL;
	return r;
}

int main(uintptr_t arg)
{
	const struct keel_startup *t = keel_startup();
	struct keel_echo_client echo = {.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.echo.Echo"),
					.timeout_us = 2000000};

	(void)arg;
	CHECK("client", "startup table", t != NULL && strcmp(t->unit, "client") == 0, 1);
	CHECK("client", "wired to echo: WRITE, no GRANT", cap_identify(echo.ep),
	      CAP_IDENTIFY(CAP_TYPE_ENDPOINT, CAP_RIGHT_WRITE));
	CHECK("client", "not given the server's side",
	      keel_startup_cap(KEEL_STARTUP_SERVE, "keel.echo.Echo"), CAP_NULL);
	struct keel_supervisor_client sup = {
	    .ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.supervisor.Supervisor"),
	    .timeout_us = 1000000};
	struct keel_supervisor_name_max_string who = {.len = 7};

	CHECK("client", "echo", say(&echo, "hello"), ERR_OK);
	check_supervisor(&sup);
	static const struct keel_supervisor_event_handlers on = {.ended = on_ended};
	struct keel_supervisor_events ev;
	cap_t chan = sys_channel_create(8);

	keel_supervisor_events_init(&ev, chan, &on, NULL);
	CHECK("client", "subscribe to ends",
	      keel_supervisor_subscribe(&sup, cap_derive(chan, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0)),
	      ERR_OK);
	memcpy(who.data, "crasher", 7);
	CHECK("client", "crash through the supervisor", keel_supervisor_crash(&sup, &who), ERR_OK);
	CHECK("client", "ended event", keel_supervisor_events_recv(&ev, 1000000), ERR_OK);
	CHECK("client", "one ended event", ended_seen, 1);
	CHECK("client", "served after the crash", say(&echo, "again"), ERR_OK);
	who.len = 6;
	CHECK("client", "crash no one", keel_supervisor_crash(&sup, &who),
	      KEEL_SUPERVISOR_ERROR_NO_SUCH_UNIT);
	for (unsigned i = 1; i <= 3; i++) {
		CHECK("client", "in flight when the server faults", say(&echo, "crash"),
		      ERR_PEER_DIED);
		CHECK("client", "served again after the restart", say(&echo, "again"), ERR_OK);
	}
	CHECK("client", "in flight when the server exits", say(&echo, "exit"), ERR_PEER_DIED);
	/* The fifth end within the window is over the limit of 4: init leaves it stopped. */
	echo.timeout_us = 300000;
	CHECK("client", "no server any more", say(&echo, "anyone?"), ERR_TIMEOUT);
	uprintf("supervise client: %d failed\n", check_failed);
	return check_failed;
}
