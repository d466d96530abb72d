/* Shared by the channel test programs: message types, start capabilities, a check macro. */
#ifndef CHANNEL_TEST_H
#define CHANNEL_TEST_H

#include <stdbool.h>
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#define CHAN_TEST_IFACE 0x78
#define MSG_DATA	IPC_TYPE(CHAN_TEST_IFACE, 1) /* data: "m<i>", i = 0.. in order */
#define MSG_REPORT	IPC_TYPE(CHAN_TEST_IFACE, 2) /* -> init: data[0] = failures */
#define DATA_CAPACITY	4			     /* messages the data channel holds */
#define DATA_MESSAGES	6			     /* m0..m5; m5 carries a notification */
#define NOTE_GO		0x1u			     /* init's notification: start receiving */
#define NOTE_GOT_CAP	0x40u			     /* on the travelling notification */

/* Start capabilities of both units: CAP_START(i). */
#define START_DATA   CAP_START(0) /* the data channel: WRITE for the producer, READ for the consumer */
#define START_NOTE   CAP_START(1) /* init's notification: WRITE / READ */
#define START_REPORT CAP_START(2) /* the report channel to init: WRITE */


/* *m becomes a MSG_DATA "m<i>" without capabilities. */
static inline void data_msg(struct ipc_message *m, unsigned i)
{
	m->type = MSG_DATA;
	m->length = 3;
	m->data[0] = 'm';
	m->data[1] = (uint8_t)('0' + i);
	m->data[2] = '\0';
	for (unsigned k = 0; k < IPC_MAX_CAPS; k++)
		m->caps[k] = CAP_NULL;
}

/* Sends init the report: `failures` in data[0]. */
static inline int32_t report(int failures)
{
	struct ipc_message m;

	data_msg(&m, 0);
	m.type = MSG_REPORT;
	m.data[0] = (uint8_t)failures;
	return ipc_send(START_REPORT, &m, IPC_NO_WAIT);
}

#endif
