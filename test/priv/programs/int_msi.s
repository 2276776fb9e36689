# Machine software interrupt from the CLINT msip register: mip.MSIP follows
# msip; the interrupt is taken as soon as both mie.MSIE and mstatus.MIE allow
# it (right after the csr write that enables it), and in S/U-mode whatever
# mstatus.MIE says.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        M_HOOK clear_msip
        li s0, CLINT_MSIP
        SAY "msip=1 shows in mip.MSIP"
        li t0, 1
        sw t0, 0(s0)
        PUTMASK mip, 0x8
        SAY "only bit 0 of msip is writable"
        li t0, -1
        sw t0, 0(s0)
        lw s1, 0(s0)
        PUT "msip", s1
        SAY "mie.MSIE alone does not interrupt M-mode"
        csrsi mie, 8
        nop
        NTRAPS s1
        CHECK s1, 0, "no trap with MIE=0"
        SAY "mstatus.MIE=1 takes it after the enabling instruction"
        csrsi mstatus, MSTATUS_MIE
        nop
        csrci mstatus, MSTATUS_MIE
        NTRAPS s1
        CHECK s1, 1, "one MSI"
        SAY "in S-mode, M interrupts are on whatever mstatus.MIE says"
        li t0, 1
        sw t0, 0(s0)
        GO_S
        nop
        TO_M
        NTRAPS s1
        CHECK s1, 2, "MSI from S"
        SAY "in U-mode too"
        li t0, 1
        sw t0, 0(s0)
        GO_U
        nop
        TO_M
        NTRAPS s1
        CHECK s1, 3, "MSI from U"
        SAY "TO_M returns to M-mode with MIE=0"
        csrr s2, mstatus
        andi s2, s2, MSTATUS_MIE
        PUT "MIE", s2
        csrw mie, zero
        FINISH

clear_msip:
        li t0, CLINT_MSIP
        sw zero, 0(t0)
        ret
