# Vectored trap vectors: with mtvec.MODE = 1, interrupts go to BASE + 4 *
# cause and exceptions to BASE; stvec likewise for S. Each vector entry
# records its index, then enters the common handler.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        la t0, mvec
        ori t0, t0, 1
        csrw mtvec, t0
        PUTCSR mtvec
        M_HOOK m_hook
        SAY "exception: entry 0"
        ebreak
        call show
        SAY "MSI: entry 3"
        li t0, 1
        li t1, CLINT_MSIP
        sw t0, 0(t1)
        li t0, 8
        csrs mie, t0
        csrsi mstatus, MSTATUS_MIE
        nop
        csrci mstatus, MSTATUS_MIE
        call show
        SAY "MTI: entry 7"
        li t1, CLINT_MTIMECMP
        sd zero, 0(t1)
        WAIT_CSR mip, 0x80
        li t0, 0x80
        csrs mie, t0
        csrsi mstatus, MSTATUS_MIE
        nop
        csrci mstatus, MSTATUS_MIE
        call show
        SAY "stvec vectored: SSI at entry 1"
        la t0, svec
        ori t0, t0, 1
        csrw stvec, t0
        li t0, 2
        csrw mideleg, t0
        csrs mie, t0
        li t0, 1 << 8
        csrw medeleg, t0
        S_HOOK s_hook
        GO_S
        csrsi sip, 2
        csrsi sstatus, MSTATUS_SIE
        nop
        csrci sstatus, MSTATUS_SIE
        call show
        TO_M
        csrw mie, zero
        SAY "mode 2 and 3 are reserved: QEMU keeps the old mode"
        la t0, mvec
        ori t0, t0, 2
        csrw mtvec, t0
        csrr s0, mtvec
        andi s0, s0, 3
        PUT "mtvec.mode", s0
        FINISH

show:   mv s9, ra
        la t0, vec_last
        ld s0, 0(t0)
        PUT "vector", s0
        mv ra, s9
        ret

m_hook:
        li t0, 0x8000000000000003
        bne a0, t0, 1f
        li t0, CLINT_MSIP
        sw zero, 0(t0)
        ret
1:      li t0, CLINT_MTIMECMP
        li t1, -1
        sd t1, 0(t0)
        ret

s_hook: csrci sip, 2
        ret


        # the vector tables: 16 jumps each to a stub that records its index
        .option push
        .option norvc
        .balign 256
mvec:
        .irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
        j mstub\i
        .endr
        .balign 256
svec:
        .irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
        j sstub\i
        .endr
        .option pop

        .irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
mstub\i:
        csrrw sp, mscratch, sp
        addi sp, sp, -16
        sd t0, 0(sp)
        sd t1, 8(sp)
        li t0, \i
        la t1, vec_last
        sd t0, 0(t1)
        ld t0, 0(sp)
        ld t1, 8(sp)
        addi sp, sp, 16
        csrrw sp, mscratch, sp
        j priv_m_trap
sstub\i:
        csrrw sp, sscratch, sp
        addi sp, sp, -16
        sd t0, 0(sp)
        sd t1, 8(sp)
        li t0, \i
        la t1, vec_last
        sd t0, 0(t1)
        ld t0, 0(sp)
        ld t1, 8(sp)
        addi sp, sp, 16
        csrrw sp, sscratch, sp
        j priv_s_trap
        .endr

        .data
        .balign 8
vec_last: .dword -1
