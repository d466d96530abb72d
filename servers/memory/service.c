/* The memory server's policy (service.h): quotas, regions and the IDL handlers. */
#include "service.h"

#define ERR(name) KEEL_MEMORY_ERROR_##name

void mem_service_init(struct mem_service *s, cap_t budget)
{
	*s = (struct mem_service){.budget = budget, .next_token = 1};
	for (unsigned i = 0; i < KEEL_MEMORY_CLIENTS_MAX; i++)
		s->clients[i].budget = CAP_NULL;
	for (unsigned i = 0; i < KEEL_MEMORY_SHARED_MAX; i++)
		s->regions[i].mem = CAP_NULL;
}

/* The caller's unit: the low byte of its badge is all init puts there. */
static uint8_t caller_unit(const struct idl_caller *caller)
{
	return (uint8_t)caller->badge;
}

static struct mem_client *find_client(struct mem_service *s, uint8_t unit)
{
	for (unsigned i = 0; i < KEEL_MEMORY_CLIENTS_MAX; i++)
		if (s->clients[i].unit == unit && unit != 0)
			return &s->clients[i];
	return NULL;
}

/* The unit's slot, taken now if it has none; NULL when the table is full. */
static struct mem_client *get_client(struct mem_service *s, uint8_t unit)
{
	struct mem_client *c = find_client(s, unit);

	for (unsigned i = 0; c == NULL && i < KEEL_MEMORY_CLIENTS_MAX; i++)
		if (s->clients[i].unit == 0) {
			c = &s->clients[i];
			*c = (struct mem_client){.unit = unit, .quota = MEM_DEFAULT_QUOTA,
						 .budget = CAP_NULL};
		}
	return c;
}

/* Frames the client's allocations hold now (read from its budget). */
static uint32_t used_frames(const struct mem_client *c)
{
	struct keel_budget b;

	if (c == NULL || c->budget == CAP_NULL || mem_sys_budget_info(c->budget, &b) != ERR_OK)
		return 0;
	return b.frames <= c->budget_size ? c->budget_size - b.frames : c->budget_size;
}

static void drop_budget(struct mem_client *c)
{
	if (c->budget != CAP_NULL)
		cap_delete(c->budget);
	c->budget = CAP_NULL;
	c->budget_size = 0;
}

/* A budget of the client's quota, replacing an unused one of another size (set_quota). */
static int32_t ensure_budget(struct mem_service *s, struct mem_client *c)
{
	struct keel_budget want = {.frames = c->quota};
	int32_t b;

	if (c->budget != CAP_NULL && c->budget_size != c->quota && used_frames(c) == 0)
		drop_budget(c);
	if (c->budget != CAP_NULL)
		return ERR_OK;
	want.objects[CAP_TYPE_MEMORY] = MEM_ALLOCS_MAX;
	b = mem_sys_budget_create(s->budget, &want);
	if (b < 0)
		return b == ERR_NOMEM ? ERR(EXHAUSTED) : b;
	c->budget = b;
	c->budget_size = c->quota;
	return ERR_OK;
}

static int32_t h_alloc(void *ctx, const struct idl_caller *caller, uint32_t pages, cap_t *mem)
{
	struct mem_service *s = ctx;
	struct mem_client *c = find_client(s, caller_unit(caller));
	uint32_t quota = c != NULL ? c->quota : MEM_DEFAULT_QUOTA;
	int32_t r;

	if (pages == 0 || pages > quota)
		return ERR(BAD_SIZE);
	c = get_client(s, caller_unit(caller));
	if (c == NULL)
		return ERR(TABLE_FULL);
	r = ensure_budget(s, c);
	if (r != ERR_OK)
		return r;
	if (used_frames(c) + pages > c->quota)
		return ERR(QUOTA);
	r = mem_sys_alloc(c->budget, pages);
	if (r < 0) /* the budget is short of frames or of memory objects */
		return r == ERR_NOMEM ? ERR(QUOTA) : r;
	*mem = r;
	return ERR_OK;
}

/* Regions unit publishes now. */
static uint8_t shared_by(const struct mem_service *s, uint8_t unit)
{
	uint8_t n = 0;

	for (unsigned i = 0; i < KEEL_MEMORY_SHARED_MAX; i++)
		n += s->regions[i].token != 0 && s->regions[i].owner == unit;
	return n;
}

static int32_t h_usage(void *ctx, const struct idl_caller *caller,
		       struct keel_memory_account *account)
{
	struct mem_service *s = ctx;
	const struct mem_client *c = find_client(s, caller_unit(caller));

	account->quota_pages = c != NULL ? c->quota : MEM_DEFAULT_QUOTA;
	account->used_pages = used_frames(c);
	account->shared = shared_by(s, caller_unit(caller));
	return ERR_OK;
}

static int32_t h_report(void *ctx, const struct idl_caller *caller, uint8_t first,
			uint8_t *count, struct keel_memory_client_account *out)
{
	struct mem_service *s = ctx;
	unsigned seen = 0, n = 0;

	(void)caller;
	for (unsigned i = 0; i < KEEL_MEMORY_CLIENTS_MAX && n < KEEL_MEMORY_REPORT_MAX; i++) {
		const struct mem_client *c = &s->clients[i];

		if (c->unit == 0 || seen++ < first)
			continue;
		out[n++] = (struct keel_memory_client_account){
		    .unit = c->unit,
		    .quota_pages = c->quota,
		    .used_pages = used_frames(c),
		    .shared = shared_by(s, c->unit),
		};
	}
	*count = (uint8_t)n;
	return ERR_OK;
}

static int32_t h_set_quota(void *ctx, const struct idl_caller *caller, uint8_t unit,
			   uint32_t pages)
{
	struct mem_service *s = ctx;
	struct mem_client *c;

	(void)caller;
	if (unit == 0)
		return ERR(NO_SUCH_UNIT);
	if (pages > KEEL_MEMORY_QUOTA_MAX)
		return ERR(BAD_SIZE);
	c = get_client(s, unit);
	if (c == NULL)
		return ERR(TABLE_FULL);
	c->quota = pages;
	c->quota_set = true;
	if (c->budget != CAP_NULL && used_frames(c) == 0)
		drop_budget(c); /* the next allocation makes one of the new size */
	return ERR_OK;
}

static struct mem_region *find_region(struct mem_service *s, uint32_t token)
{
	for (unsigned i = 0; i < KEEL_MEMORY_SHARED_MAX; i++)
		if (s->regions[i].token == token && token != 0)
			return &s->regions[i];
	return NULL;
}

/* The next token: counts up from 1, skipping 0 and tokens still in use. */
static uint32_t new_token(struct mem_service *s)
{
	uint32_t t;

	do {
		t = s->next_token++;
	} while (t == 0 || find_region(s, t) != NULL);
	return t;
}

static int32_t share_checked(struct mem_service *s, uint8_t unit, cap_t mem, bool read_only,
			     uint32_t *token)
{
	struct keel_budget b;
	struct mem_region *r = NULL;

	for (unsigned i = 0; r == NULL && i < KEEL_MEMORY_SHARED_MAX; i++)
		if (s->regions[i].token == 0)
			r = &s->regions[i];
	if (r == NULL || get_client(s, unit) == NULL)
		return ERR(TABLE_FULL);
	if (mem_sys_budget_info(mem, &b) == ERR_OK)
		return ERR(NOT_SHAREABLE);
	*r = (struct mem_region){
	    .token = new_token(s), .owner = unit, .read_only = read_only, .mem = mem};
	*token = r->token;
	return ERR_OK;
}

static int32_t h_share(void *ctx, const struct idl_caller *caller, cap_t mem, bool read_only,
		       uint32_t *token)
{
	int32_t r = share_checked(ctx, caller_unit(caller), mem, read_only, token);

	if (r != ERR_OK)
		cap_delete(mem); /* the capability is ours: nothing keeps it on failure */
	return r;
}

/* A capability to region `token` with `rights`, GRANT added so that the reply can move it. */
static int32_t attach_with(struct mem_service *s, uint32_t token, uint32_t rights, cap_t *mem)
{
	const struct mem_region *r = find_region(s, token);
	int32_t d;

	if (r == NULL)
		return ERR(NO_SUCH_REGION);
	if (r->read_only && (rights & CAP_RIGHT_WRITE))
		return ERR(READ_ONLY);
	d = cap_derive(r->mem, rights | CAP_RIGHT_GRANT, 0);
	if (d < 0)
		return d == ERR_NOMEM ? ERR(EXHAUSTED) : d;
	*mem = d;
	return ERR_OK;
}

static int32_t h_attach_read(void *ctx, const struct idl_caller *caller, uint32_t token,
			     cap_t *mem)
{
	(void)caller;
	return attach_with(ctx, token, CAP_RIGHT_READ, mem);
}

static int32_t h_attach(void *ctx, const struct idl_caller *caller, uint32_t token, cap_t *mem)
{
	(void)caller;
	return attach_with(ctx, token, CAP_RIGHT_READ | CAP_RIGHT_WRITE, mem);
}

static void withdraw(struct mem_region *r)
{
	cap_delete(r->mem);
	*r = (struct mem_region){.mem = CAP_NULL};
}

static int32_t h_unshare(void *ctx, const struct idl_caller *caller, uint32_t token)
{
	struct mem_region *r = find_region(ctx, token);

	if (r == NULL || r->owner != caller_unit(caller))
		return ERR(NO_SUCH_REGION);
	withdraw(r);
	return ERR_OK;
}

struct mem_release mem_service_ended(struct mem_service *s, uint8_t unit)
{
	struct mem_release out = {0};
	struct mem_client *c = find_client(s, unit);

	for (unsigned i = 0; i < KEEL_MEMORY_SHARED_MAX; i++)
		if (s->regions[i].token != 0 && s->regions[i].owner == unit) {
			withdraw(&s->regions[i]);
			out.regions++;
		}
	if (c == NULL)
		return out;
	out.budget = c->budget != CAP_NULL;
	drop_budget(c);
	if (!c->quota_set)
		*c = (struct mem_client){.budget = CAP_NULL};
	return out;
}

const struct keel_memory_handlers mem_handlers = {
    .alloc = h_alloc,
    .usage = h_usage,
    .share = h_share,
    .attach_read = h_attach_read,
    .attach = h_attach,
    .unshare = h_unshare,
    .report = h_report,
    .set_quota = h_set_quota,
};
