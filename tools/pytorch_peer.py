"""PyTorch on the shapes and steps Gauntlet's JMH benchmarks measure (run through tools/pytorch_peer.sh).

gemm:   C += A @ B for a layer batch x in -> out as its three products (forward x.W, input gradient d.W^T, weight
        gradient x^T.d), each 2*batch*in*out flops: GFLOP/s, median of repeated timings, float64 and float32,
        1 and 2 threads. The same shapes as DenseBenchmark.
update: one TD3 step and one SAC step with CleanRL's settings (256-256 ReLU, batch 256, Adam, twin critics, TD3's
        target smoothing and delayed actor, SAC's squashed Gaussian, soft target and temperature), written the way
        CleanRL's td3_continuous_action.py and sac_continuous_action.py write them, on random replay data of
        Pendulum's (3, 1) or HalfCheetah's (17, 6) sizes: ms per step, alternating the delayed part as
        UpdateBenchmark does. float32, as CleanRL trains.
"""
import argparse
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

SHAPES = ["256x256x256", "256x23x256", "256x256x1", "1x256x256", "64x64x64", "128x64x64", "1024x256x256",
          "4096x256x256", "256x1024x1024", "256x400x300"]


def timed(fn, min_seconds):
    """Median seconds per call over batches of calls lasting about 0.1 s each, after a warm-up."""
    fn()
    n, start = 1, time.perf_counter()
    while time.perf_counter() - start < 0.05:
        fn()
        n += 1
    per_batch = max(1, n * 2)
    samples, total = [], 0.0
    while total < min_seconds or len(samples) < 5:
        t0 = time.perf_counter()
        for _ in range(per_batch):
            fn()
        dt = time.perf_counter() - t0
        samples.append(dt / per_batch)
        total += dt
    return statistics.median(samples)


def gemm(args):
    print("| shape | kernel | dtype | threads | GFLOP/s |")
    print("| --- | --- | --- | --- | --- |")
    for threads in (1, 2):
        torch.set_num_threads(threads)
        for shape in SHAPES:
            batch, fan_in, fan_out = (int(v) for v in shape.split("x"))
            for kernel in ("forward", "inputGradient", "weightGradient"):
                m, p, n = {"forward": (batch, fan_in, fan_out), "inputGradient": (batch, fan_out, fan_in),
                           "weightGradient": (fan_in, batch, fan_out)}[kernel]
                for dtype in (torch.float64, torch.float32):
                    a = torch.randn(m, p, dtype=dtype)
                    b = torch.randn(p, n, dtype=dtype) / p ** 0.5
                    c = torch.zeros(m, n, dtype=dtype)
                    # the operand layouts of a layer: W^T and x^T are views, as autograd hands them to the BLAS
                    if kernel == "inputGradient":
                        b = b.t().contiguous().t()
                    if kernel == "weightGradient":
                        a = a.t().contiguous().t()
                    seconds = timed(lambda: torch.addmm(c, a, b, out=c), args.seconds)
                    print(f"| {shape} | {kernel} | {str(dtype).split('.')[-1]} | {threads} | {2 * m * n * p / seconds / 1e9:.1f} |",
                          flush=True)


class QNetwork(nn.Module):
    def __init__(self, obs_dim, act_dim):
        super().__init__()
        self.fc1 = nn.Linear(obs_dim + act_dim, 256)
        self.fc2 = nn.Linear(256, 256)
        self.fc3 = nn.Linear(256, 1)

    def forward(self, x, a):
        x = torch.cat([x, a], 1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


class DeterministicActor(nn.Module):
    def __init__(self, obs_dim, act_dim, scale):
        super().__init__()
        self.fc1 = nn.Linear(obs_dim, 256)
        self.fc2 = nn.Linear(256, 256)
        self.fc_mu = nn.Linear(256, act_dim)
        self.register_buffer("scale", torch.full((act_dim,), scale))

    def forward(self, x):
        return torch.tanh(self.fc_mu(F.relu(self.fc2(F.relu(self.fc1(x)))))) * self.scale


class SquashedGaussianActor(nn.Module):
    LOG_STD_MIN, LOG_STD_MAX = -5.0, 2.0

    def __init__(self, obs_dim, act_dim, scale):
        super().__init__()
        self.fc1 = nn.Linear(obs_dim, 256)
        self.fc2 = nn.Linear(256, 256)
        self.fc_mean = nn.Linear(256, act_dim)
        self.fc_logstd = nn.Linear(256, act_dim)
        self.register_buffer("scale", torch.full((act_dim,), scale))

    def sample(self, x):
        h = F.relu(self.fc2(F.relu(self.fc1(x))))
        mean = self.fc_mean(h)
        log_std = torch.tanh(self.fc_logstd(h))
        log_std = self.LOG_STD_MIN + 0.5 * (self.LOG_STD_MAX - self.LOG_STD_MIN) * (log_std + 1)
        normal = torch.distributions.Normal(mean, log_std.exp())
        u = normal.rsample()
        t = torch.tanh(u)
        log_prob = (normal.log_prob(u) - torch.log(self.scale * (1 - t.pow(2)) + 1e-6)).sum(1, keepdim=True)
        return t * self.scale, log_prob


def soft_update(target, source, tau):
    for tp, p in zip(target.parameters(), source.parameters()):
        tp.data.copy_(tau * p.data + (1 - tau) * tp.data)


def td3_step(obs_dim, act_dim, scale, mode):
    actor, qf1, qf2 = DeterministicActor(obs_dim, act_dim, scale), QNetwork(obs_dim, act_dim), QNetwork(obs_dim, act_dim)
    target_actor, qf1_t, qf2_t = DeterministicActor(obs_dim, act_dim, scale), QNetwork(obs_dim, act_dim), QNetwork(obs_dim, act_dim)
    target_actor.load_state_dict(actor.state_dict())
    qf1_t.load_state_dict(qf1.state_dict())
    qf2_t.load_state_dict(qf2.state_dict())
    q_opt = torch.optim.Adam(list(qf1.parameters()) + list(qf2.parameters()), lr=3e-4)
    actor_opt = torch.optim.Adam(actor.parameters(), lr=3e-4)
    data = replay(obs_dim, act_dim, scale)
    step = [0]

    def one():
        o, a, r, o2, d = sample(data)
        with torch.no_grad():
            noise = (torch.randn_like(a) * 0.2).clamp(-0.5, 0.5) * scale
            a2 = (target_actor(o2) + noise).clamp(-scale, scale)
            y = r + 0.99 * (1 - d) * torch.min(qf1_t(o2, a2), qf2_t(o2, a2)).view(-1)
        q_loss = F.mse_loss(qf1(o, a).view(-1), y) + F.mse_loss(qf2(o, a).view(-1), y)
        q_opt.zero_grad()
        q_loss.backward()
        q_opt.step()
        delayed = mode == "actor" or (mode == "alternate" and step[0] % 2 == 0)
        step[0] += 1
        if delayed:
            actor_loss = -qf1(o, actor(o)).mean()
            actor_opt.zero_grad()
            actor_loss.backward()
            actor_opt.step()
            soft_update(target_actor, actor, 0.005)
            soft_update(qf1_t, qf1, 0.005)
            soft_update(qf2_t, qf2, 0.005)
    return one


def sac_step(obs_dim, act_dim, scale):
    actor, qf1, qf2 = SquashedGaussianActor(obs_dim, act_dim, scale), QNetwork(obs_dim, act_dim), QNetwork(obs_dim, act_dim)
    qf1_t, qf2_t = QNetwork(obs_dim, act_dim), QNetwork(obs_dim, act_dim)
    qf1_t.load_state_dict(qf1.state_dict())
    qf2_t.load_state_dict(qf2.state_dict())
    q_opt = torch.optim.Adam(list(qf1.parameters()) + list(qf2.parameters()), lr=1e-3)
    actor_opt = torch.optim.Adam(actor.parameters(), lr=3e-4)
    log_alpha = torch.zeros(1, requires_grad=True)
    a_opt = torch.optim.Adam([log_alpha], lr=1e-3)
    target_entropy = -float(act_dim)
    data = replay(obs_dim, act_dim, scale)
    step = [0]

    def one():
        alpha = log_alpha.exp().item()
        o, a, r, o2, d = sample(data)
        with torch.no_grad():
            a2, logp2 = actor.sample(o2)
            soft = torch.min(qf1_t(o2, a2), qf2_t(o2, a2)) - alpha * logp2
            y = r + 0.99 * (1 - d) * soft.view(-1)
        q_loss = F.mse_loss(qf1(o, a).view(-1), y) + F.mse_loss(qf2(o, a).view(-1), y)
        q_opt.zero_grad()
        q_loss.backward()
        q_opt.step()
        if step[0] % 2 == 0:
            for _ in range(2):
                pi, logp = actor.sample(o)
                actor_loss = (alpha * logp - torch.min(qf1(o, pi), qf2(o, pi))).mean()
                actor_opt.zero_grad()
                actor_loss.backward()
                actor_opt.step()
                with torch.no_grad():
                    _, logp = actor.sample(o)
                alpha_loss = (-log_alpha.exp() * (logp + target_entropy)).mean()
                a_opt.zero_grad()
                alpha_loss.backward()
                a_opt.step()
                alpha = log_alpha.exp().item()
        step[0] += 1
        soft_update(qf1_t, qf1, 0.005)
        soft_update(qf2_t, qf2, 0.005)
    return one


def replay(obs_dim, act_dim, scale, size=10_000):
    return (torch.randn(size, obs_dim), (torch.rand(size, act_dim) * 2 - 1) * scale, torch.randn(size),
            torch.randn(size, obs_dim), (torch.rand(size) < 0.01).float())


def sample(data, batch=256):
    idx = torch.randint(0, data[0].shape[0], (batch,))
    return tuple(x[idx] for x in data)


def update(args):
    print("| step | task | threads | ms per step |")
    print("| --- | --- | --- | --- |")
    for threads in (1, 2):
        torch.set_num_threads(threads)
        for task, (obs_dim, act_dim, scale) in (("pendulum", (3, 1, 2.0)), ("halfcheetah", (17, 6, 1.0))):
            for name, make in (("td3", lambda: td3_step(obs_dim, act_dim, scale, "alternate")),
                               ("td3-actor", lambda: td3_step(obs_dim, act_dim, scale, "actor")),
                               ("td3-critic", lambda: td3_step(obs_dim, act_dim, scale, "critic")),
                               ("sac", lambda: sac_step(obs_dim, act_dim, scale))):
                seconds = timed(make(), args.seconds)
                print(f"| {name} | {task} | {threads} | {seconds * 1e3:.2f} |", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["gemm", "update"])
    parser.add_argument("--seconds", type=float, default=2.0, help="measured time per figure (default 2)")
    args = parser.parse_args()
    torch.manual_seed(1)
    print(f"PyTorch {torch.__version__}, BLAS: {torch.__config__.show().count('mkl') and 'MKL' or 'OpenBLAS/other'}")
    {"gemm": gemm, "update": update}[args.what](args)


if __name__ == "__main__":
    main()
