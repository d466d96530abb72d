/*
 * Intrusive circular doubly-linked lists: O(1) insert and remove, no allocation. A node that is
 * on no list points at itself, so list_node_linked() tells whether it is queued somewhere.
 */
#ifndef KERNEL_LIST_H
#define KERNEL_LIST_H

#include <kernel/types.h>

struct list_node {
	struct list_node *next;
	struct list_node *prev;
};

/* The struct of type `type` whose member `member` is at `ptr`. */
#define container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))
#define list_entry(ptr, type, member)	container_of(ptr, type, member)

#define list_for_each(pos, head) for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)

/* Makes `node` an empty list head, or an unlinked node. */
static inline void list_init(struct list_node *node)
{
	node->next = node->prev = node;
}

static inline bool list_is_empty(const struct list_node *head)
{
	return head->next == head;
}

/* True if `node` (initialised with list_init) is currently on a list. */
static inline bool list_node_linked(const struct list_node *node)
{
	return node->next != node;
}

static inline void list_insert_between(struct list_node *node, struct list_node *prev,
				       struct list_node *next)
{
	node->prev = prev;
	node->next = next;
	prev->next = node;
	next->prev = node;
}

static inline void list_add_tail(struct list_node *head, struct list_node *node)
{
	list_insert_between(node, head->prev, head);
}

static inline void list_add_head(struct list_node *head, struct list_node *node)
{
	list_insert_between(node, head, head->next);
}

/* Unlinks `node` and leaves it unlinked (pointing at itself). */
static inline void list_remove(struct list_node *node)
{
	node->prev->next = node->next;
	node->next->prev = node->prev;
	list_init(node);
}

/* The first node of `head`, or NULL if the list is empty. */
static inline struct list_node *list_first(const struct list_node *head)
{
	return list_is_empty(head) ? NULL : head->next;
}

#endif /* KERNEL_LIST_H */
