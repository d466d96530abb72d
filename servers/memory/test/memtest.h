/* What the memory server's QEMU test clients share: addresses and the bytes alice writes. */
#ifndef SERVERS_MEMORY_TEST_MEMTEST_H
#define SERVERS_MEMORY_TEST_MEMTEST_H

#define MEMTEST_ALICE_VA    0x20000000u
#define MEMTEST_ALICE_RO_VA 0x21000000u
#define MEMTEST_BOB_VA	    0x30000000u
#define MEMTEST_BOB_RO_VA   0x31000000u
#define MEMTEST_PATTERN	    "alice wrote this, bob reads it"
#define MEMTEST_RO_TEXT	    "read only, from alice"

#endif
