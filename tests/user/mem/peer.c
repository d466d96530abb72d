/*
 * Peer of the memory rules test: receives a memory capability over CAP_START(0), maps it at
 * another address than init did, checks init's data, writes its own into the same frames and
 * replies with its failure count. Then init revokes the capability's parent and asks it to
 * read the memory again: the mapping went with the capability, so that read faults and kills
 * it (reaching "still mapped" is the failure).
 */
#include "mem_test.h"

#define PAGE 4096u

int main(uintptr_t arg)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)arg;
	CHECK("peer", "recv", ipc_recv(CAP_START(0), &msg, &info, IPC_WAIT_FOREVER), ERR_OK);
	CHECK("peer", "type", msg.type, MSG_SHARE);
	CHECK("peer", "got memory", info.cap_type[0], CAP_TYPE_MEMORY);
	CHECK("peer", "map",
	      sys_mem_map(msg.caps[0], (void *)SHARE_VA_PEER, MEM_MAP_READ | MEM_MAP_WRITE),
	      ERR_OK);
	for (uint32_t p = 0; p < SHARE_PAGES; p++) {
		volatile uint32_t *page = (volatile uint32_t *)(SHARE_VA_PEER + p * PAGE);

		CHECK("peer", "init's data", page[7], p * 1000 + 7);
		page[1] = PEER_MAGIC + p;
	}
	msg.type = MSG_SHARE | IPC_TYPE_REPLY;
	msg.length = 1;
	msg.data[0] = (uint8_t)check_failed;
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		msg.caps[i] = CAP_NULL;
	CHECK("peer", "reply, then wait", ipc_reply_recv(CAP_START(0), &msg, &info, IPC_WAIT_FOREVER),
	      ERR_OK);
	CHECK("peer", "touch", msg.type, MSG_TOUCH);
	uprintf("peer: reading the memory whose capability was revoked\n");
	uprintf("peer: still mapped (FAIL): %u\n", (unsigned)*(volatile uint32_t *)SHARE_VA_PEER);
	return 1;
}
