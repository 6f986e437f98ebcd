/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inmates run from the start of their cell's first loadable region, which
 * the cell sees at address BASE (0 in a cell; RAM for a "-bare" link that
 * QEMU starts without a hypervisor): entry code first, the command line at
 * its fixed offset, then the program, its bss and a stack.
 */
#include <warden/inmate.h>

ENTRY(inmate_entry)

SECTIONS
{
	. = BASE;
	.text.entry : { KEEP(*(.text.entry)) }
	. = BASE + WARDEN_INMATE_CMDLINE;
	.cmdline : {
		inmate_cmdline = .;
		. += WARDEN_INMATE_CMDLINE_SIZE;
	}
	.text : { *(.text .text.*) }
	.rodata : {
		*(.rodata .rodata.*)
		/* Non-zero only in a "-bare" link: the UART to print to. */
		. = ALIGN(8);
		inmate_console_uart = .;
		QUAD(UART)
	}
	.data : { *(.data .data.*) }
	. = ALIGN(16);
	__bss_start = .;
	.bss : { *(.bss .bss.*) *(COMMON) }
	__bss_end = .;
	. = ALIGN(16);
	__stack_bottom = .;
	. += STACK_SIZE * MAX_INMATE_CPUS;
	__stack_top = .;

	/DISCARD/ : { *(.comment) *(.note*) *(.eh_frame*) }
}
