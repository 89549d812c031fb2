//! The little dense linear algebra the recommenders need: dot products, a Gram matrix, a Cholesky solve, a seeded
//! generator.

/// `a · b` (eight running sums, so the compiler can vectorise it).
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0.0_f32; 8];
    for (ca, cb) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for k in 0..8 {
            acc[k] += ca[k] * cb[k];
        }
    }
    let tail: f32 = a.chunks_exact(8).remainder().iter().zip(b.chunks_exact(8).remainder()).map(|(x, y)| x * y).sum();
    acc.iter().sum::<f32>() + tail
}

/// `y += alpha · x`.
pub fn axpy(alpha: f32, x: &[f32], y: &mut [f32]) {
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += alpha * xi;
    }
}

/// Scales `v` to unit length (left as is when zero).
pub fn normalize(v: &mut [f32]) {
    let norm = dot(v, v).sqrt();
    if norm > 0.0 {
        for x in v.iter_mut() {
            *x /= norm;
        }
    }
}

/// `Fᵀ F + reg · I` for the row-major `rows × k` matrix `f`, as a row-major `k × k` matrix.
pub fn gram(f: &[f32], k: usize, reg: f32) -> Vec<f32> {
    let mut g = vec![0.0_f32; k * k];
    for row in f.chunks_exact(k) {
        for (a, &ra) in row.iter().enumerate() {
            if ra != 0.0 {
                axpy(ra, row, &mut g[a * k..(a + 1) * k]);
            }
        }
    }
    for a in 0..k {
        g[a * k + a] += reg;
    }
    g
}

/// `out = m · v` for a row-major square matrix `m`.
pub fn mat_vec(m: &[f32], v: &[f32], out: &mut [f32]) {
    let k = v.len();
    for (o, row) in out.iter_mut().zip(m.chunks_exact(k)) {
        *o = dot(row, v);
    }
}

/// Solves `a x = b` in place for a symmetric positive definite `a` (row-major `k × k`); `b` becomes `x`.
#[allow(clippy::many_single_char_names, reason = "the textbook names of the factorisation")]
pub fn cholesky_solve(a: &mut [f32], b: &mut [f32], k: usize) {
    // Lower factor L in a's lower triangle.
    for j in 0..k {
        let mut d = a[j * k + j] - dot(&a[j * k..j * k + j], &a[j * k..j * k + j]);
        // λ > 0 keeps the matrix positive definite; the floor only guards against rounding.
        d = d.max(1e-12).sqrt();
        a[j * k + j] = d;
        for i in j + 1..k {
            let s = a[i * k + j] - dot(&a[i * k..i * k + j], &a[j * k..j * k + j]);
            a[i * k + j] = s / d;
        }
    }
    for i in 0..k {
        let s = b[i] - dot(&a[i * k..i * k + i], &b[..i]);
        b[i] = s / a[i * k + i];
    }
    for i in (0..k).rev() {
        let mut s = b[i];
        for r in i + 1..k {
            s -= a[r * k + i] * b[r];
        }
        b[i] = s / a[i * k + i];
    }
}

/// `SplitMix64`: a tiny deterministic generator for reproducible initialisation.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A float uniform in `[0, 1)`.
    pub fn next_f32(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cholesky_solve_solves() {
        // [[4, 2], [2, 3]] x = [2, 1] → x = [0.5, 0].
        let mut a = vec![4.0, 2.0, 2.0, 3.0];
        let mut b = vec![2.0, 1.0];
        cholesky_solve(&mut a, &mut b, 2);
        assert!((b[0] - 0.5).abs() < 1e-6 && b[1].abs() < 1e-6, "{b:?}");
    }

    #[test]
    fn gram_adds_the_ridge_on_the_diagonal() {
        // rows (1, 2) and (3, 4): FᵀF = [[10, 14], [14, 20]]
        assert_eq!(gram(&[1.0, 2.0, 3.0, 4.0], 2, 0.5), vec![10.5, 14.0, 14.0, 20.5]);
        let mut out = [0.0; 2];
        mat_vec(&[1.0, 2.0, 3.0, 4.0], &[1.0, 1.0], &mut out);
        assert_eq!(out, [3.0, 7.0]);
    }

    #[test]
    fn the_generator_is_deterministic_and_in_range() {
        let (mut a, mut b) = (SplitMix64::new(7), SplitMix64::new(7));
        for _ in 0..100 {
            let x = a.next_f32();
            assert_eq!(x, b.next_f32());
            assert!((0.0..1.0).contains(&x));
        }
    }
}
