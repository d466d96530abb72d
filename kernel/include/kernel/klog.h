/*
 * The kernel log ring (<keel/abi.h>, CAP_ROOT_KLOG): where the console puts what it may no
 * longer print on COM1. O(1) per character; safe with interrupts off.
 */
#ifndef KERNEL_KLOG_H
#define KERNEL_KLOG_H

#include <kernel/types.h>
#include <keel/abi.h>

/* Lays the log out in the memory at page (bytes long) and writes there from now on. */
void klog_attach(void *page, uint32_t bytes);
/* Appends c to the ring (overwriting the oldest byte when full); nothing before klog_attach. */
void klog_putc(char c);

#endif /* KERNEL_KLOG_H */
