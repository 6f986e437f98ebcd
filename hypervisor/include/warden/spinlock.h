/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ticket spinlocks: CPUs get the lock in the order they asked for it, so
 * that no root CPU can be starved by the others.  Built on the compiler's
 * atomics; the architecture only says how to wait politely.
 *
 * Not to be used before the CPU runs with its MMU on: exclusive accesses
 * are only defined on cacheable memory.
 */
#ifndef _WARDEN_SPINLOCK_H
#define _WARDEN_SPINLOCK_H

#include <warden/arch.h>

struct spinlock {
	u32 next;	/* ticket of the next CPU to ask */
	u32 owner;	/* ticket being served */
};

static inline void spin_lock(struct spinlock *lock)
{
	u32 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket)
		arch_cpu_relax();
}

/* Take the lock if nobody holds it or waits for it. */
static inline bool spin_trylock(struct spinlock *lock)
{
	u32 owner = __atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE);
	u32 next = owner;

	return __atomic_compare_exchange_n(&lock->next, &next, owner + 1,
					   false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

static inline void spin_unlock(struct spinlock *lock)
{
	__atomic_store_n(&lock->owner, lock->owner + 1, __ATOMIC_RELEASE);
}

#endif /* _WARDEN_SPINLOCK_H */
