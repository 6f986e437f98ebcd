/* SPDX-License-Identifier: GPL-2.0 */
/*
 * System registers and the bits of them the hypervisor sets.  Values that
 * entry.S needs are plain numbers so that the assembler can use them too.
 */
#ifndef _ASM_SYSREGS_H
#define _ASM_SYSREGS_H

/* EL2 translation: 4 KiB granule, 48-bit addresses, cacheable walks. */
#define TCR_EL2_VALUE		0x80803510	/* RES1 | SH0 | ORGN0 | IRGN0 | T0SZ=16 */
#define TCR_PS_SHIFT		16
/* MAIR index 0: Device-nGnRE, index 1: Normal write-back. */
#define MAIR_EL2_VALUE		0xff04
/* RES1 | I | SA | C | M. */
#define SCTLR_EL2_MMU_ON	0x30c5183d

/* SCTLR_EL1 with its RES1 bits only: MMU and caches off. */
#define SCTLR_EL1_RESET		0x30d00800

#define HCR_VM			(1UL << 0)
#define HCR_SWIO		(1UL << 1)
#define HCR_FMO			(1UL << 3)
#define HCR_IMO			(1UL << 4)
#define HCR_TSC			(1UL << 19)
#define HCR_TIDCP		(1UL << 20)	/* IMPLEMENTATION DEFINED regs */
#define HCR_TACR		(1UL << 21)	/* ACTLR_EL1 */
#define HCR_TERR		(1UL << 36)	/* RAS error records */
#define HCR_RW			(1UL << 31)

/* VTCR_EL2: starting at level 0, like TCR_EL2; PS and T0SZ are filled in. */
#define VTCR_RES1		(1UL << 31)
#define VTCR_SL0_LEVEL0		(2UL << 6)
#define VTCR_WALK_CACHED	((1UL << 8) | (1UL << 10) | (3UL << 12))
#define VTCR_PS_SHIFT		16

/* ESR_EL2 exception classes. */
#define ESR_EC_SHIFT		26
#define ESR_IL			(1UL << 25)
#define EC_UNKNOWN		0x00
#define EC_HVC64		0x16
#define EC_SMC64		0x17
#define EC_SYSREG		0x18
#define EC_IABT_LOW		0x20
#define EC_IABT_CUR		0x21
#define EC_DABT_LOW		0x24
#define EC_DABT_CUR		0x25

/* ICH_HCR_EL2 and ICH_LR<n>_EL2. */
#define ICH_HCR_EN		(1UL << 0)
#define ICH_HCR_UIE		(1UL << 1)
#define ICH_LR_STATE_SHIFT	62
#define ICH_LR_PENDING		(1UL << 62)
#define ICH_LR_ACTIVE		(2UL << 62)
#define ICH_LR_HW		(1UL << 61)
#define ICH_LR_GROUP1		(1UL << 60)
#define ICH_LR_PRIO_SHIFT	48
#define ICH_LR_PINTID_SHIFT	32

/* SPSR / PSTATE. */
#define PSR_MODE_EL1H		0x5
#define PSR_MODE_MASK		0xf
#define PSR_AARCH32		(1UL << 4)
#define PSR_DAIF		(0xfUL << 6)

#ifndef __ASSEMBLY__

#define read_sysreg(reg) ({						\
	unsigned long __v;						\
	asm volatile("mrs %0, " #reg : "=r"(__v));			\
	__v;								\
})

#define write_sysreg(reg, v)						\
	asm volatile("msr " #reg ", %0" : : "r"((unsigned long)(v)))

#define isb()		asm volatile("isb" : : : "memory")
#define dsb(opt)	asm volatile("dsb " #opt : : : "memory")

#endif /* __ASSEMBLY__ */
#endif /* _ASM_SYSREGS_H */
