/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Hypercalls: the calls a cell makes into the hypervisor.
 *
 * The same numbers and arguments on every architecture; only the trapping
 * instruction and the registers differ:
 *   arm64:  hvc #0x4a57, x0 = code, x1/x2 = arguments, result in x0
 *   x86:    vmmcall,     rax = code, rdi/rsi = arguments, result in rax
 *   riscv:  ecall,       a7 = WARDEN_SBI_EXT, a6 = code, a0/a1 = arguments,
 *           error (0 or negative) in a0
 * Results are >= 0 on success, a negative errno value on failure.
 */
#ifndef _WARDEN_HYPERCALL_H
#define _WARDEN_HYPERCALL_H

#define WARDEN_HVC_IMM		0x4a57
#define WARDEN_SBI_EXT		0x0a57a4de	/* firmware-specific SBI range */

#define WARDEN_HC_DISABLE		0
#define WARDEN_HC_GET_INFO		1
#define WARDEN_HC_CELL_STATE		2
#define WARDEN_HC_CPU_STATE		3
#define WARDEN_HC_DEBUG_CONSOLE_PUTC	8

#endif /* _WARDEN_HYPERCALL_H */
