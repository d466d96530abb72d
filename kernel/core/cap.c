/*
 * Capability tables and the derivation tree (see <kernel/cap.h>). Slots hold the capability
 * nodes themselves; a node that moves (IPC transfer) is copied and its four list neighbours are
 * re-pointed, so nothing else refers to a node's address.
 */
#include <kernel/cap.h>
#include <kernel/kprintf.h>

#define CAP_NO_SLOT CAP_SLOTS

_Static_assert(CAP_SLOTS <= CAP_INDEX_MASK, "a slot index must fit in a handle");
_Static_assert(CAP_SLOTS < 0xffffu, "slot links are 16 bits");

cap_t cap_handle(const struct cap *c)
{
	return (cap_t)((c->gen << CAP_INDEX_BITS) | (uint32_t)(c - c->table->slots));
}

bool cap_has_children(const struct cap *c)
{
	return !list_is_empty(&c->children);
}

void cap_table_init(struct cap_table *t)
{
	for (uint32_t i = 0; i < CAP_SLOTS; i++) {
		struct cap *c = &t->slots[i];

		*c = (struct cap){.next_free = (uint16_t)(i + 1), .table = t};
		list_init(&c->sibling);
		list_init(&c->children);
	}
	t->free_head = 0;
	t->free_count = CAP_SLOTS;
}

/* Takes the free slot *link points at off the free list; its generation advances. */
static struct cap *slot_unlink(struct cap_table *t, uint16_t *link)
{
	struct cap *c = &t->slots[*link];

	*link = c->next_free;
	t->free_count--;
	c->gen = c->gen >= CAP_GEN_MAX ? 1 : c->gen + 1;
	c->table = t;
	return c;
}

/* Takes the first free slot of t, or NULL when t is full. */
static struct cap *slot_take(struct cap_table *t)
{
	return t->free_head == CAP_NO_SLOT ? NULL : slot_unlink(t, &t->free_head);
}

/* Returns an emptied slot to the front of its table's free list. */
static void slot_put(struct cap_table *t, struct cap *c)
{
	c->obj = NULL;
	c->badge = c->rights = 0;
	c->next_free = t->free_head;
	t->free_head = (uint16_t)(c - t->slots);
	t->free_count++;
}

/*
 * Fills the empty node c with a capability, links it under parent (NULL: a root) and names it
 * in *out: ERR_OK, or ERR_NOMEM if there is no node (c NULL: the table is full).
 */
static int cap_fill(struct cap *c, struct kobj *obj, uint16_t obj_gen, uint32_t rights,
		    uint64_t badge, struct cap *parent, cap_t *out)
{
	if (c == NULL)
		return ERR_NOMEM;
	/* The slot keeps its table and generation; next_free means nothing while it is used. */
	*c = (struct cap){.obj = obj, .obj_gen = obj_gen, .rights = rights, .badge = badge,
			  .parent = parent, .table = c->table, .gen = c->gen};
	list_init(&c->sibling);
	list_init(&c->children);
	if (parent)
		list_add_tail(&parent->children, &c->sibling);
	kobj_ref(obj, rights);
	*out = cap_handle(c);
	return ERR_OK;
}

int cap_install(struct cap_table *t, struct kobj *obj, uint32_t rights, uint64_t badge, cap_t *out)
{
	return cap_fill(slot_take(t), obj, obj->gen, rights & CAP_RIGHTS_ALL, badge, NULL, out);
}

int cap_install_child(struct cap_table *t, struct cap *parent, struct kobj *obj, uint32_t rights,
		      cap_t *out)
{
	if ((rights & ~parent->rights) != 0)
		return ERR_RIGHTS; /* never wider than the parent */
	return cap_fill(slot_take(t), obj, obj->gen, rights, 0, parent, out);
}

/* The capability in the slot h names, stale object or not: ERR_BAD_CAP if h names none. */
static int cap_find(struct cap_table *t, cap_t h, struct cap **out)
{
	uint32_t index = (uint32_t)h & CAP_INDEX_MASK;

	if (h < 0 || index >= CAP_SLOTS || t->slots[index].obj == NULL ||
	    t->slots[index].gen != (uint32_t)h >> CAP_INDEX_BITS)
		return ERR_BAD_CAP;
	*out = &t->slots[index];
	return ERR_OK;
}

int cap_install_at(struct cap_table *t, uint32_t slot, struct kobj *obj, uint32_t rights,
		   cap_t *out)
{
	uint16_t *link = &t->free_head;

	/* Find the link that points at `slot`: O(CAP_SLOTS), for boot-time layouts only. */
	while (*link != CAP_NO_SLOT && *link != slot)
		link = &t->slots[*link].next_free;
	if (*link == CAP_NO_SLOT)
		return ERR_BUSY;
	return cap_fill(slot_unlink(t, link), obj, obj->gen, rights & CAP_RIGHTS_ALL, 0, NULL, out);
}

int cap_lookup(struct cap_table *t, cap_t h, unsigned type, uint32_t rights, struct cap **out)
{
	struct cap *c;

	/* No such capability, its owned object ended (slot free or reused), or another type. */
	if (cap_find(t, h, &c) != ERR_OK || c->obj->gen != c->obj_gen ||
	    c->obj->type == CAP_TYPE_NONE || (type != CAP_TYPE_NONE && c->obj->type != type))
		return ERR_BAD_CAP;
	if ((c->rights & rights) != rights)
		return ERR_RIGHTS;
	*out = c;
	return ERR_OK;
}

int cap_derive(struct cap_table *t, cap_t h, uint32_t rights, uint64_t badge, cap_t *out)
{
	struct cap *src;
	int err = cap_lookup(t, h, CAP_TYPE_NONE, 0, &src);

	if (err != ERR_OK)
		return err;
	if ((rights & ~src->rights) != 0)
		return ERR_RIGHTS; /* never wider than the parent */
	if (badge != 0 && (src->obj->type != CAP_TYPE_ENDPOINT || src->badge != 0))
		return ERR_INVALID; /* only endpoints are badged, and only once */
	return cap_fill(slot_take(t), src->obj, src->obj_gen, rights, badge ? badge : src->badge,
			src, out);
}

int cap_restrict(struct cap_table *t, cap_t h, uint32_t rights)
{
	struct cap *c;
	int err = cap_lookup(t, h, CAP_TYPE_NONE, 0, &c);

	if (err != ERR_OK)
		return err;
	if (cap_has_children(c))
		return ERR_BUSY; /* a child would keep a right its parent lost */
	uint32_t old = c->rights;

	c->rights = old & rights;
	kobj_ref(c->obj, c->rights);
	kobj_unref(c->obj, old);
	return ERR_OK;
}

/*
 * Unlinks c from the tree, its children taking its place among its siblings (in order) and
 * its parent (a root's become roots), and drops its reference. O(children). The node is left
 * empty but still in its slot (or queue).
 */
static void cap_unlink(struct cap *c)
{
	struct kobj *obj = c->obj;
	uint32_t rights = c->rights;

	while (cap_has_children(c)) {
		struct cap *k = list_entry(c->children.next, struct cap, sibling);

		list_remove(&k->sibling);
		k->parent = c->parent;
		if (c->parent != NULL) /* a root is on no list */
			list_insert_between(&k->sibling, c->sibling.prev, &c->sibling);
	}
	list_remove(&c->sibling);
	c->obj = NULL;
	kobj_unref(obj, rights);
}

bool cap_table_holds(const struct cap_table *t, const struct kobj *obj, const struct cap *except)
{
	for (uint32_t i = 0; i < CAP_SLOTS; i++)
		if (t->slots[i].obj == obj && &t->slots[i] != except)
			return true;
	return false;
}

/* c is about to leave its table: its object's type may withdraw what the table's unit held. */
static void cap_leaving(struct cap *c)
{
	if (c->table != NULL && (c->obj->flags & KOBJ_COUNTED))
		kobj_leaving(c->obj, c->table, c);
}

void cap_destroy(struct cap *c)
{
	KASSERT(c->obj != NULL); /* a capability is destroyed once */
	cap_leaving(c);
	cap_unlink(c);
	if (c->table)
		slot_put(c->table, c);
}

int cap_delete(struct cap_table *t, cap_t h)
{
	struct cap *c;
	int err = cap_find(t, h, &c); /* a capability whose owned object ended can still go */

	if (err == ERR_OK)
		cap_destroy(c);
	return err;
}

int cap_revoke_some(struct cap_table *t, cap_t h)
{
	struct cap *root;
	int err = cap_find(t, h, &root);

	if (err != ERR_OK)
		return err;
	/*
	 * Deleting the first child moves its own children up into root's list, so the whole
	 * subtree goes in exactly (number of descendants) steps, with no recursion.
	 */
	for (unsigned n = 0; n < CAP_REVOKE_BATCH && cap_has_children(root); n++)
		cap_destroy(list_entry(root->children.next, struct cap, sibling));
	return cap_has_children(root) ? CAP_REVOKE_MORE : ERR_OK;
}

void cap_table_clear(struct cap_table *t)
{
	for (uint32_t i = 0; i < CAP_SLOTS; i++)
		if (t->slots[i].obj != NULL)
			cap_destroy(&t->slots[i]);
}

/* Puts list node dst in src's place (its neighbours re-pointed), leaving src alone. */
static void node_relocate(struct list_node *dst, struct list_node *src)
{
	if (list_node_linked(src)) {
		*dst = *src;
		dst->prev->next = dst;
		dst->next->prev = dst;
	} else {
		list_init(dst);
	}
	list_init(src);
}

/* Copies node src into the empty node dst and re-points its tree neighbours at dst. */
static void cap_relocate(struct cap *dst, struct cap *src)
{
	*dst = (struct cap){.obj = src->obj, .obj_gen = src->obj_gen, .rights = src->rights,
			    .badge = src->badge, .parent = src->parent, .table = dst->table,
			    .gen = dst->gen};
	node_relocate(&dst->sibling, &src->sibling);
	node_relocate(&dst->children, &src->children);
	for (struct list_node *n = dst->children.next; n != &dst->children; n = n->next)
		list_entry(n, struct cap, sibling)->parent = dst; /* O(children) */
	src->obj = NULL;
}

/* With `from` NULL (unparking), the nodes have no table and no slot to free. */
int cap_move(struct cap_table *from, struct cap *const src[], unsigned n, struct cap_table *to,
	     cap_t out[])
{
	if (to->free_count < n)
		return ERR_NOMEM; /* checked first: nothing moves */
	for (unsigned i = 0; i < n; i++) {
		struct cap *dst = slot_take(to);

		KASSERT(src[i]->table == from && src[i]->obj != NULL);
		if (from != to)
			cap_leaving(src[i]); /* a no-op for a parked node */
		cap_relocate(dst, src[i]);
		if (from != NULL)
			slot_put(from, src[i]);
		out[i] = cap_handle(dst);
	}
	return ERR_OK;
}

void cap_park(struct cap *c, struct cap *dst)
{
	struct cap_table *from = c->table;

	KASSERT(from != NULL && c->obj != NULL); /* only a capability in a table is parked */
	cap_leaving(c);
	cap_relocate(dst, c);
	dst->table = NULL;
	dst->gen = 0;
	slot_put(from, c);
}
