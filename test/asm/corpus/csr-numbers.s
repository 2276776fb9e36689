# CSR instructions with names, numbers and equated constants
	.equ MYCSR, 0x7c2
	.text
	csrrw a0, mstatus, a1
	csrrs a0, 0x300, zero
	csrrc a0, MYCSR, a2
	csrrwi a0, mtvec, 31
	csrrsi zero, sie, 1
	csrrci a0, 0xfff, 0
	csrr a0, mhartid
	csrw satp, a0
	csrr a0, time
	csrr a1, cycle
	csrr a2, instret
	csrr t0, fflags
	csrw frm, t1
	csrr t0, mcycle
	csrr t0, hpmcounter3
	csrr t0, mhpmcounter31
	csrw pmpcfg0, t0
	csrw pmpaddr0, t0
	csrr a0, sepc
	csrr a0, hgatp
	csrr a0, vsstatus
