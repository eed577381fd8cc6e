/**
 * Go's `sort.SliceStable` (insertion sort on blocks of 20, then SymMerge), step for step. Strategic merge
 * patch orders list items with a `less` that is not a strict weak order (it answers true whenever an item
 * is missing from the order list), so only Go's exact algorithm gives Kubernetes' exact result.
 *
 * Ported from Go's src/sort/zsortfunc.go (BSD licence, Copyright 2022 The Go Authors).
 *
 * @module
 */

type Less = (i: number, j: number) => boolean;

/**
 * Sorts `data` in place as Go's `sort.SliceStable(data, less)` does; `less` reads `data` by index.
 *
 * @example
 * ```ts
 * const xs = [3, 1, 2];
 * sliceStable(xs, (i, j) => xs[i] < xs[j]); // xs is [1, 2, 3]
 * ```
 */
export function sliceStable<T>(data: T[], less: Less): void {
  const swap = (i: number, j: number) => {
    [data[i], data[j]] = [data[j], data[i]];
  };
  const n = data.length;
  let blockSize = 20;
  let a = 0;
  let b = blockSize;
  while (b <= n) {
    insertionSort(less, swap, a, b);
    a = b;
    b += blockSize;
  }
  insertionSort(less, swap, a, n);
  while (blockSize < n) {
    a = 0;
    b = 2 * blockSize;
    while (b <= n) {
      symMerge(less, swap, a, a + blockSize, b);
      a = b;
      b += 2 * blockSize;
    }
    const m = a + blockSize;
    if (m < n) symMerge(less, swap, a, m, n);
    blockSize *= 2;
  }
}

type Swap = (i: number, j: number) => void;

function insertionSort(less: Less, swap: Swap, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && less(j, j - 1); j--) swap(j, j - 1);
  }
}

function symMerge(less: Less, swap: Swap, a: number, m: number, b: number): void {
  if (m - a === 1) {
    let i = m;
    let j = b;
    while (i < j) {
      const h = (i + j) >>> 1;
      if (less(h, a)) i = h + 1;
      else j = h;
    }
    for (let k = a; k < i - 1; k++) swap(k, k + 1);
    return;
  }
  if (b - m === 1) {
    let i = a;
    let j = m;
    while (i < j) {
      const h = (i + j) >>> 1;
      if (!less(m, h)) i = h + 1;
      else j = h;
    }
    for (let k = m; k > i; k--) swap(k, k - 1);
    return;
  }
  const mid = (a + b) >>> 1;
  const n = mid + m;
  let start: number;
  let r: number;
  if (m > mid) {
    start = n - b;
    r = mid;
  } else {
    start = a;
    r = m;
  }
  const p = n - 1;
  while (start < r) {
    const c = (start + r) >>> 1;
    if (!less(p - c, c)) start = c + 1;
    else r = c;
  }
  const end = n - start;
  if (start < m && m < end) rotate(swap, start, m, end);
  if (a < start && start < mid) symMerge(less, swap, a, start, mid);
  if (mid < end && end < b) symMerge(less, swap, mid, end, b);
}

function rotate(swap: Swap, a: number, m: number, b: number): void {
  let i = m - a;
  let j = b - m;
  while (i !== j) {
    if (i > j) {
      swapRange(swap, m - i, m, j);
      i -= j;
    } else {
      swapRange(swap, m - i, m + j - i, i);
      j -= i;
    }
  }
  swapRange(swap, m - i, m, i);
}

function swapRange(swap: Swap, a: number, b: number, n: number): void {
  for (let i = 0; i < n; i++) swap(a + i, b + i);
}
