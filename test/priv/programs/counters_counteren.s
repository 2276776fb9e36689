# cycle / time / instret / hpmcounter3 from S and U: mcounteren gates S (and
# U), scounteren further gates U; a denied read is an illegal instruction.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        SAY "mcounteren = 0: S reads trap"
        csrw mcounteren, zero
        csrw scounteren, zero
        GO_S
        rdcycle a0
        rdtime a0
        rdinstret a0
        csrr a0, hpmcounter3
        TO_M
        SAY "mcounteren = CY|TM|IR, scounteren = 0: S reads work, U reads trap"
        li t0, 7
        csrw mcounteren, t0
        NTRAPS s0
        GO_S
        rdcycle a0
        rdtime a0
        rdinstret a0
        TO_M
        NTRAPS s1
        sub s1, s1, s0
        CHECK s1, 0, "S reads allowed"
        GO_U
        rdcycle a0
        rdtime a0
        rdinstret a0
        TO_M
        SAY "scounteren = TM only: U reads time, not cycle"
        li t0, 2
        csrw scounteren, t0
        GO_U
        rdtime a0
        rdcycle a0
        TO_M
        SAY "mcounteren = 0 hides time from U whatever scounteren says"
        csrw mcounteren, zero
        li t0, 7
        csrw scounteren, t0
        GO_U
        rdtime a0
        TO_M
        SAY "counteren WARL: all ones"
        li t0, -1
        csrw mcounteren, t0
        csrw scounteren, t0
        PUTMASK mcounteren, 0xffffffff
        PUTMASK scounteren, 0xffffffff
        # the counteren registers are 32 bits wide; QEMU 7.2 keeps 64
        csrr t0, mcounteren
        srli t0, t0, 32
        beqz t0, 1f
        SAY "spec: mcounteren upper half writable: differs"
        j 2f
1:      SAY "spec: mcounteren is 32 bits: ok"
2:
        SAY "writes to the user counters are illegal even in M"
        csrw cycle, zero
        csrw instret, zero
        csrw mcounteren, zero
        csrw scounteren, zero
        FINISH
