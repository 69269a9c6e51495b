// Reproduces the figures the password tests take as given, with Go's own math.Log2 (run on
// linux/amd64: `go run docs/facts/go-log2.go`):
//   - every integer base up to 1200 where Go's Log2 differs from a correctly rounded log2
//     (src/password/go-log2-table.ts);
//   - the entropy of the edge cases in src/password/rule.test.ts, from (base, bytes left);
//   - whether the one-ulp difference ever changes the verdict (entropy >= 52) for a base up to
//     5000 and any length up to 200 bits.
//
// Coder's rule adds log2(base) once per byte, in a loop, and so does this.
package main

import (
	"fmt"
	"math"
	"math/big"
)

// correctLog2 is log2(n) rounded to nearest from a 200-bit computation.
func correctLog2(n int) float64 {
	const prec = 200
	x := new(big.Float).SetPrec(prec).SetInt64(int64(n))
	// log2(n) = e + log2(m) with m in [1, 2); log2(m) by the series of atanh.
	exp := x.MantExp(nil) - 1
	m := new(big.Float).SetPrec(prec).SetMantExp(x, -exp)
	one := new(big.Float).SetPrec(prec).SetInt64(1)
	num := new(big.Float).SetPrec(prec).Sub(m, one)
	den := new(big.Float).SetPrec(prec).Add(m, one)
	t := new(big.Float).SetPrec(prec).Quo(num, den)
	t2 := new(big.Float).SetPrec(prec).Mul(t, t)
	sum := new(big.Float).SetPrec(prec)
	term := new(big.Float).SetPrec(prec).Set(t)
	for k := 1; k < 400; k += 2 {
		q := new(big.Float).SetPrec(prec).Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(k)))
		sum.Add(sum, q)
		term.Mul(term, t2)
	}
	ln := new(big.Float).SetPrec(prec).Mul(sum, new(big.Float).SetPrec(prec).SetInt64(2))
	ln2 := ln2Big(prec)
	r := new(big.Float).SetPrec(prec).Quo(ln, ln2)
	r.Add(r, new(big.Float).SetPrec(prec).SetInt64(int64(exp)))
	f, _ := r.Float64()
	return f
}

func ln2Big(prec uint) *big.Float {
	// ln 2 = 2 atanh(1/3)
	t := new(big.Float).SetPrec(prec).Quo(big.NewFloat(1).SetPrec(prec), big.NewFloat(3).SetPrec(prec))
	t2 := new(big.Float).SetPrec(prec).Mul(t, t)
	sum := new(big.Float).SetPrec(prec)
	term := new(big.Float).SetPrec(prec).Set(t)
	for k := 1; k < 400; k += 2 {
		sum.Add(sum, new(big.Float).SetPrec(prec).Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(k))))
		term.Mul(term, t2)
	}
	return sum.Mul(sum, big.NewFloat(2).SetPrec(prec))
}

func entropy(base, bytes int) float64 {
	step := math.Log2(float64(base))
	sum := 0.0
	for i := 0; i < bytes; i++ {
		sum += step
	}
	return sum
}

func main() {
	fmt.Println("bases up to 1200 where Go's Log2 is not the correctly rounded value:")
	for n := 1; n <= 1200; n++ {
		if g := math.Log2(float64(n)); g != correctLog2(n) {
			fmt.Printf("%d %#016x\n", n, math.Float64bits(g))
		}
	}
	changed := 0
	for base := 2; base <= 5000; base++ {
		goStep, correct := math.Log2(float64(base)), correctLog2(base)
		a, b := 0.0, 0.0
		for a <= 200 {
			a += goStep
			b += correct
			if (a >= 52) != (b >= 52) {
				changed++
			}
		}
	}
	fmt.Println("verdicts changed by the last bit:", changed)
	fmt.Println("entropy (base, bytes):")
	for _, c := range [][2]int{{26, 2}, {26, 4}, {26, 5}, {26, 6}, {26, 26}, {16, 64}, {31, 11},
		{90, 10}, {27, 3}, {27, 7}, {2, 7}, {36, 3}, {36, 4}, {10, 3}, {3, 6}, {9, 24}, {4, 26}} {
		fmt.Printf("%d %d %#016x\n", c[0], c[1], math.Float64bits(entropy(c[0], c[1])))
	}
}
