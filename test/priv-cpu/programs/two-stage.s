# Two-stage translation from VS-mode: G-stage Sv39x4 and VS-stage Sv39 giga
# pages, guest-page faults on the final address and on the guest's own
# page-table read, a VS-stage page fault, ecall from VS, virtual-instruction
# exceptions; first all taken in M, then delegated to HS, then (page fault,
# illegal) to VS. Every trap prints cause, tval, tval2/htval, tinst, the
# GVA/MPV/SPV bits, and resumes after the instruction.
        .include "hyp.inc"
        .text
        .globl _start
_start:
        la sp, hs_stack_top
        la t0, mhandler
        csrw mtvec, t0
        # QEMU 7.2 refuses mret to S/U unless some PMP entry is enabled: one NAPOT entry covers everything.
        li t0, -1
        csrw pmpaddr0, t0
        li t0, 0x1f
        csrw pmpcfg0, t0
        # G-stage: gpa 2 GiB -> host 2 GiB (U RWX), gpa 1 GiB -> host 2 GiB read-only, gpa 3 GiB unmapped
        GIGA GROOT, 2, 0x80000000, PTE_VRWXUAD
        GIGA GROOT, 1, 0x80000000, PTE_VRUAD
        # VS-stage: va 2 GiB -> gpa 2 GiB; va 1 GiB -> gpa 3 GiB (G-unmapped);
        # va 4 GiB -> gpa 1 GiB (G read-only); va 3 GiB -> table at gpa 0xc0001000 (G-unmapped)
        GIGA VSROOT, 2, 0x80000000, PTE_VRWXAD
        GIGA VSROOT, 1, 0xc0000000, PTE_VRWXAD
        GIGA VSROOT, 4, 0x40000000, PTE_VRWXAD
        li t0, VSROOT + 3 * 8
        li t1, ((0xc0001000 >> 12) << 10) | 1
        sd t1, 0(t0)
        # devices (UART) at va 0 -> gpa 0 -> host 0, so VS handlers can print
        GIGA VSROOT, 0, 0, PTE_VRWXAD
        GIGA GROOT, 0, 0, PTE_VRWXUAD
        li t0, (8 << 60) | (GROOT >> 12)
        csrw hgatp, t0
        li t0, (8 << 60) | (VSROOT >> 12)
        csrw vsatp, t0
        SAY "phase M"
        call enter_guest
        SAY "phase HS"
        la t0, shandler
        csrw stvec, t0
        li t0, (1 << 13) | (1 << 21) | (1 << 23) | (1 << 22) | (1 << 2) | (1 << 12) | (1 << 20)
        csrw medeleg, t0
        call enter_guest
        SAY "phase VS"
        la t0, vshandler
        csrw vstvec, t0
        li t0, (1 << 13) | (1 << 2)
        csrw hedeleg, t0
        call enter_guest
        SAY "hlv from M and HS"
        li t0, 1 << 8
        csrs hstatus, t0                # SPVP = VS
        li a1, 0x80000000
        hlv.d s0, (a1)
        ld s1, 0(a1)
        sub a0, s0, s1
        PUT "hlv.d-diff", a0
        hlvx.wu s0, (a1)
        lwu s1, 0(a1)
        sub a0, s0, s1
        PUT "hlvx.wu-diff", a0
        li a1, 0x100000000              # G read-only: load ok, store faults
        hlv.w s0, (a1)
        PUT "hlv.w", s0
        csrw medeleg, zero
        hsv.w s0, (a1)
        li a1, 0x40000000
        hlv.b s0, (a1)
        la a1, scratch
        li s0, 0x1234
        hsv.h s0, (a1)
        lh a0, 0(a1)
        PUT "hsv.h", a0
        j hs_exit

# Enters VS at guest_code (MPV=1, MPP=S) and returns here when the guest ecalls with a7=99.
enter_guest:
        la t0, ret_slot
        sd ra, 0(t0)
        li t0, 1 << 39
        csrs mstatus, t0
        li t0, 3 << 11
        csrc mstatus, t0
        li t0, 1 << 11
        csrs mstatus, t0
        la t0, guest_code
        csrw mepc, t0
        mret

guest_code:
        li t0, 0x40000000
        ld a0, 0(t0)                    # final gpa 3 GiB unmapped: load guest-page fault
        sd a0, 0(t0)                    # store guest-page fault
        li t0, 0x100000000
        ld a0, 0(t0)                    # read-only G page: loads fine
        sd a0, 0(t0)                    # store guest-page fault
        li t0, 0xc0000010
        ld a0, 0(t0)                    # PTE read faults in G-stage
        sd a0, 0(t0)
        li t0, 0x140000000
        ld a0, 0(t0)                    # VS-stage page fault
        csrr a0, hstatus                # virtual instruction
        csrr a0, mstatus                # illegal instruction
        csrr a0, vsatp                  # virtual instruction
        hfence.vvma                     # virtual instruction
        hlv.d a0, (t0)                  # virtual instruction
        csrr a0, sstatus
        ecall                           # ecall from VS
        li a7, 99
        ecall

        .balign 4
mhandler:
        SAVE
        csrr s2, mcause
        li t0, 10
        bne s2, t0, 1f
        li t0, 99
        bne a7, t0, 1f
        # the guest is done: back to M at the caller of enter_guest
        li t0, 3 << 11
        csrs mstatus, t0
        li t0, 1 << 39
        csrc mstatus, t0
        la t0, ret_slot
        ld t0, 0(t0)
        csrw mepc, t0
        RESTORE
        mret
1:      PUT "  M mcause", s2
        csrr a0, mtval
        PUT "  mtval", a0
        csrr a0, mtval2
        PUT "  mtval2", a0
        csrr a0, mtinst
        PUT "  mtinst", a0
        csrr a0, mstatus
        srli a0, a0, 38
        andi a0, a0, 3
        PUT "  GVA|MPV<<1", a0
        csrr a0, mepc
        addi a0, a0, 4
        csrw mepc, a0
        RESTORE
        mret

        .balign 4
shandler:
        SAVE
        csrr a0, scause
        PUT "  HS scause", a0
        csrr a0, stval
        PUT "  stval", a0
        csrr a0, htval
        PUT "  htval", a0
        csrr a0, htinst
        PUT "  htinst", a0
        csrr a0, hstatus
        srli a0, a0, 6
        andi a0, a0, 7
        PUT "  GVA|SPV|SPVP", a0
        csrr a0, sstatus
        PUT "  sstatus", a0
        csrr a0, sepc
        addi a0, a0, 4
        csrw sepc, a0
        RESTORE
        sret

        .balign 4
vshandler:
        SAVE
        csrr a0, scause
        PUT "  VS scause", a0
        csrr a0, stval
        PUT "  vstval", a0
        csrr a0, sstatus
        PUT "  vsstatus", a0
        csrr a0, sepc
        addi a0, a0, 4
        csrw sepc, a0
        RESTORE
        sret

        .data
        .balign 8
ret_slot: .dword 0
scratch:  .dword 0
