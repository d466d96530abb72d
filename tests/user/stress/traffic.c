/*
 * The stress test's message traffic: synchronous calls to a server on the caller's CPU (the
 * fast path, on the big lock's shared side when the lock is free: no timeout, buffers within
 * a page) and on the next CPU (the general path, an IPI each way), and channel messages to
 * a consumer on the producer's CPU and on the next one. Every message carries words derived
 * from its sender and sequence number, which the receiver checks.
 */
#include "stress.h"

#define STRESS_IFACE 0x5e
#define MSG_CALL     IPC_TYPE(STRESS_IFACE, 1)
#define MSG_DATA     IPC_TYPE(STRESS_IFACE, 2)
#define MSG_WORDS    16 /* 64 data bytes */

static uint32_t mix(uint32_t from, uint32_t seq, uint32_t i)
{
	return (from * 0x9e3779b9u) ^ (seq * 0x85ebca6bu) ^ (i * 0xc2b2ae35u);
}

/* *m becomes a message of `type` from `from`, number `seq`: word 0 = from, 1 = seq, then mix. */
static void fill(struct ipc_message *m, uint32_t type, uint32_t from, uint32_t seq)
{
	uint32_t w[MSG_WORDS] = {from, seq};

	for (uint32_t i = 2; i < MSG_WORDS; i++)
		w[i] = mix(from, seq, i);
	m->type = type;
	m->length = sizeof(w);
	for (uint32_t i = 0; i < IPC_MAX_CAPS; i++)
		m->caps[i] = CAP_NULL;
	memcpy(m->data, w, sizeof(w));
}

/* Whether *m is fill()'s message from `from` number `seq`, every word inverted `flip` times. */
static int intact(const struct ipc_message *m, uint32_t from, uint32_t seq, uint32_t flip)
{
	uint32_t w[MSG_WORDS];

	if (m->length != sizeof(w))
		return 0;
	memcpy(w, m->data, sizeof(w));
	for (uint32_t i = 0; i < MSG_WORDS; i++) {
		uint32_t want = i == 0 ? from : i == 1 ? seq : mix(from, seq, i);

		if (w[i] != (flip ? ~want : want))
			return 0;
	}
	return 1;
}

/* Answers every call with its words inverted and the server's CPU in the type's ordinal. */
static void answer(struct ipc_message *m, uint32_t cpu)
{
	uint32_t w[MSG_WORDS];

	memcpy(w, m->data, sizeof(w));
	for (uint32_t i = 0; i < MSG_WORDS; i++)
		w[i] = ~w[i];
	memcpy(m->data, w, sizeof(w));
	m->type = IPC_TYPE(STRESS_IFACE, 0x100 + cpu) | IPC_TYPE_REPLY;
}

/*
 * The IPC workers' message and info, each pair in its own 512 bytes so that neither crosses
 * a page (the fast path would refuse it): [cpu] the server's, [CPUS + cpu] the local
 * client's, [2 * CPUS + cpu] the cross client's.
 */
static struct ipc_buffers {
	_Alignas(512) struct ipc_message m;
	struct ipc_recv_info info;
} bufs[3 * CPUS];
_Static_assert(sizeof(struct ipc_buffers) == 512, "one pair per 512 bytes");

/*
 * Answers the calls of its CPU's local client and of the previous CPU's cross client. It
 * waits without a timeout (so the fast path may answer) until the last, counted, call.
 */
void ipc_server(uint32_t cpu)
{
	const uint32_t want = LOCAL_CALLS + CROSS_CALLS;
	struct ipc_message *m = &bufs[cpu].m;
	struct ipc_recv_info *info = &bufs[cpu].info;
	uint32_t took = 0;
	int32_t r = ipc_recv(endpoints[cpu], m, info, WAIT_US);

	while (r == ERR_OK) {
		if (m->type != MSG_CALL || !(info->flags & IPC_RECV_CALL) ||
		    m->length != MSG_WORDS * 4)
			break;
		answer(m, cpu);
		took++;
		r = ipc_reply_recv(endpoints[cpu], m, info,
				   took == want ? IPC_NO_WAIT : IPC_WAIT_FOREVER);
		if (took == want)
			break;
	}
	counts[cpu].server_took = took;
	if (took != want)
		uprintf(WHO ": server on CPU %u: %d after %u calls (type 0x%x)\n", (unsigned)cpu,
			(int)r, (unsigned)took, (unsigned)m->type);
}

/* Calls the server on CPU `to` n times through b; the answers that came back right. */
static uint32_t calls(uint32_t cpu, uint32_t to, uint32_t n, volatile uint32_t *sent,
		      struct ipc_buffers *b, uint64_t timeout_us)
{
	const uint32_t from = cpu << 8 | to;
	uint32_t good = 0;

	for (uint32_t k = 0; k < n; k++) {
		fill(&b->m, MSG_CALL, from, k);
		*sent += 1;
		int32_t r = ipc_call(endpoints[to], &b->m, &b->info, timeout_us);

		if (r == ERR_OK &&
		    b->m.type == (IPC_TYPE(STRESS_IFACE, 0x100 + to) | IPC_TYPE_REPLY) &&
		    intact(&b->m, from, k, 1)) {
			good++;
			continue;
		}
		uprintf(WHO ": call %u from CPU %u to CPU %u: %d, type 0x%x\n", (unsigned)k,
			(unsigned)cpu, (unsigned)to, (int)r, (unsigned)b->m.type);
		if (r != ERR_OK)
			break;
	}
	return good;
}

/* No timeout: its calls may take the fast path. */
void ipc_local_client(uint32_t cpu)
{
	counts[cpu].local_answered = calls(cpu, cpu, LOCAL_CALLS, &counts[cpu].local_sent,
					   &bufs[CPUS + cpu], IPC_WAIT_FOREVER);
}

void ipc_cross_client(uint32_t cpu)
{
	uint32_t to = (cpu + 1) % CPUS;

	counts[cpu].cross_answered = calls(cpu, to, CROSS_CALLS, &counts[cpu].cross_sent,
					   &bufs[2 * CPUS + cpu], WAIT_US);
}

/* Sends CHAN_MSGS messages: the even ones to its CPU's consumer, the odd ones to the next. */
void chan_producer(uint32_t cpu)
{
	struct ipc_message m;

	for (uint32_t k = 0; k < CHAN_MSGS; k++) {
		uint32_t to = k % 2 == 0 ? cpu : (cpu + 1) % CPUS;
		int32_t r;

		fill(&m, MSG_DATA, cpu, k);
		if ((r = ipc_send(channels[to], &m, WAIT_US)) != ERR_OK) {
			uprintf(WHO ": producer on CPU %u: message %u: %d\n", (unsigned)cpu,
				(unsigned)k, (int)r);
			return;
		}
		counts[cpu].chan_sent++;
	}
}

/*
 * Takes CHAN_MSGS messages from its CPU's channel: the even ones of its CPU's producer and
 * the odd ones of the previous CPU's, each producer's in the order sent, every word intact.
 */
void chan_consumer(uint32_t cpu)
{
	const uint32_t prev = (cpu + CPUS - 1) % CPUS;
	uint32_t next_own = 0, next_prev = 1;
	struct ipc_message m;
	struct ipc_recv_info info;

	while (counts[cpu].chan_got < CHAN_MSGS) {
		int32_t r = ipc_recv(channels[cpu], &m, &info, WAIT_US);
		uint32_t from = 0, seq = 0;

		if (r != ERR_OK) {
			uprintf(WHO ": consumer on CPU %u: %d\n", (unsigned)cpu, (int)r);
			return;
		}
		counts[cpu].chan_got++;
		memcpy(&from, m.data, 4);
		memcpy(&seq, m.data + 4, 4);
		uint32_t *next = from == cpu ? &next_own : from == prev ? &next_prev : NULL;

		if (m.type == MSG_DATA && next != NULL && seq == *next &&
		    intact(&m, from, seq, 0)) {
			counts[cpu].chan_good++;
			*next += 2;
		} else {
			uprintf(WHO ": consumer on CPU %u: message %u from %u out of order or "
				    "damaged\n",
				(unsigned)cpu, (unsigned)seq, (unsigned)from);
		}
	}
}
