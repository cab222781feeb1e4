// Reference trajectories and random-policy returns from MuJoCo 2.2.2 (Debian's libmujoco-dev), for the planar
// engine's tests. Not part of the build: tools/mujoco_reference.sh installs the library, compiles this file and
// runs it; its output is committed as test data.
//
//   mujoco_reference trajectory MODEL.xml OUT.csv ENV_STEPS FRAME_SKIP AMPLITUDE FREQUENCY [q=v ...]
//     From qpos0 (with any qpos entries overridden, "3=-0.5"), zero velocity, applies the open-loop control
//     ctrl[a] = AMPLITUDE * sin(FREQUENCY * k + a) during env step k (FRAME_SKIP physics steps) and writes one row
//     per env step: k+1, the number of contacts, qpos, qfrc_constraint[0].
//   mujoco_reference random TASK MODEL.xml EPISODES SEED
//     Mean return of uniform random actions (inside ctrlrange) over EPISODES episodes of 1000 steps with the task's
//     Gymnasium v5 reward, reset noise and termination (Hopper and Walker2d are not reset on falling, as in the
//     reference figures of environments.md). Prints "TASK mean stderr".
//   mujoco_reference speed TASK MODEL.xml ENV_STEPS
//     Random actions for ENV_STEPS env steps (episodes of 1000); prints env steps per second.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mujoco/mujoco.h>

static mjModel* load(const char* file) {
  char error[1000] = "";
  mjModel* m = mj_loadXML(file, NULL, error, sizeof(error));
  if (!m) {
    fprintf(stderr, "cannot load %s: %s\n", file, error);
    exit(2);
  }
  return m;
}

static int trajectory(int argc, char** argv) {
  if (argc < 8) return 2;
  mjModel* m = load(argv[2]);
  mjData* d = mj_makeData(m);
  FILE* out = fopen(argv[3], "w");
  int steps = atoi(argv[4]), skip = atoi(argv[5]);
  double amp = atof(argv[6]), freq = atof(argv[7]);
  for (int i = 8; i < argc; i++) {
    int q;
    double v;
    if (sscanf(argv[i], "%d=%lf", &q, &v) != 2 || q < 0 || q >= m->nq) return 2;
    d->qpos[q] = v;
  }
  fprintf(out, "# MuJoCo %s: %s, ctrl[a] = %g sin(%g k + a), frame skip %d; step,ncon,qpos...,qfrc_constraint0\n",
          mj_versionString(), argv[2], amp, freq, skip);
  for (int k = 0; k < steps; k++) {
    for (int a = 0; a < m->nu; a++) d->ctrl[a] = amp * sin(freq * k + a);
    for (int s = 0; s < skip; s++) mj_step(m, d);
    fprintf(out, "%d,%d", k + 1, d->ncon);
    for (int q = 0; q < m->nq; q++) fprintf(out, ",%.10g", d->qpos[q]);
    fprintf(out, ",%.8g\n", d->qfrc_constraint[0]);
  }
  fclose(out);
  mj_deleteData(d);
  mj_deleteModel(m);
  return 0;
}

// ---- the six tasks (Gymnasium v5 definitions, see docs/physics.md and environments.md)

typedef struct {
  const char* name;
  int frame_skip;
  double pos_noise, vel_noise;
  int gaussian_vel;
  int (*step_reward)(const mjModel* m, mjData* d, const double* act, double x_before, double* reward);
} Task;

static double sumsq(const mjModel* m, const double* a) {
  double s = 0;
  for (int i = 0; i < m->nu; i++) s += a[i] * a[i];
  return s;
}

static double dt(const mjModel* m, int skip) { return m->opt.timestep * skip; }

static int hopper(const mjModel* m, mjData* d, const double* a, double x0, double* r) {
  int healthy = d->qpos[1] > 0.7 && fabs(d->qpos[2]) < 0.2;
  for (int i = 2; i < m->nq; i++) healthy &= fabs(d->qpos[i]) < 100;
  for (int i = 0; i < m->nv; i++) healthy &= fabs(d->qvel[i]) < 100;
  *r = (d->qpos[0] - x0) / dt(m, 4) + healthy - 1e-3 * sumsq(m, a);
  return 0;
}

static int walker(const mjModel* m, mjData* d, const double* a, double x0, double* r) {
  int healthy = d->qpos[1] > 0.8 && d->qpos[1] < 2 && fabs(d->qpos[2]) < 1;
  *r = (d->qpos[0] - x0) / dt(m, 4) + healthy - 1e-3 * sumsq(m, a);
  return 0;
}

static int cheetah(const mjModel* m, mjData* d, const double* a, double x0, double* r) {
  *r = (d->qpos[0] - x0) / dt(m, 5) - 0.1 * sumsq(m, a);
  return 0;
}

static int swimmer(const mjModel* m, mjData* d, const double* a, double x0, double* r) {
  *r = (d->qpos[0] - x0) / dt(m, 4) - 1e-4 * sumsq(m, a);
  return 0;
}

static int pendulum(const mjModel* m, mjData* d, const double* a, double x0, double* r) {
  int done = fabs(d->qpos[1]) > 0.2;
  *r = done ? 0 : 1;
  return done;
}

static int double_pendulum(const mjModel* m, mjData* d, const double* a, double x0, double* r) {
  mj_kinematics(m, d);  // the tip where the state is now
  double x = d->site_xpos[0], y = d->site_xpos[2];
  double v1 = d->qvel[1], v2 = d->qvel[2];
  int done = y <= 1;
  *r = (done ? 0 : 10) - 0.01 * x * x - (y - 2) * (y - 2) - 1e-3 * v1 * v1 - 5e-3 * v2 * v2;
  return done;
}

static const Task TASKS[] = {
    {"Hopper", 4, 5e-3, 5e-3, 0, hopper},       {"Walker2d", 4, 5e-3, 5e-3, 0, walker},
    {"HalfCheetah", 5, 0.1, 0.1, 1, cheetah},   {"Swimmer", 4, 0.1, 0.1, 0, swimmer},
    {"InvertedPendulum", 2, 0.01, 0.01, 0, pendulum},
    {"InvertedDoublePendulum", 5, 0.1, 0.1, 1, double_pendulum},
};

static unsigned long long rng_state;

static double uniform(void) {  // xorshift64*, 53 bits
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return ((rng_state * 2685821657736338717ULL) >> 11) * (1.0 / 9007199254740992.0);
}

static double gaussian(void) {
  double u1 = uniform(), u2 = uniform();
  return sqrt(-2 * log(1 - u1)) * cos(2 * M_PI * u2);
}

static const Task* task(const char* name) {
  for (size_t i = 0; i < sizeof(TASKS) / sizeof(TASKS[0]); i++) {
    if (!strcmp(TASKS[i].name, name)) return &TASKS[i];
  }
  fprintf(stderr, "unknown task %s\n", name);
  exit(2);
}

static void reset(const mjModel* m, mjData* d, const Task* t) {
  mj_resetData(m, d);
  for (int i = 0; i < m->nq; i++) d->qpos[i] += t->pos_noise * (2 * uniform() - 1);
  for (int i = 0; i < m->nv; i++) d->qvel[i] += t->gaussian_vel ? t->vel_noise * gaussian() : t->vel_noise * (2 * uniform() - 1);
  mj_forward(m, d);
}

// one env step with random actions; returns 1 when the task terminated
static int random_step(const mjModel* m, mjData* d, const Task* t, double* act, double* reward) {
  for (int a = 0; a < m->nu; a++) {
    double lo = m->actuator_ctrlrange[2 * a], hi = m->actuator_ctrlrange[2 * a + 1];
    act[a] = lo + (hi - lo) * uniform();
    d->ctrl[a] = act[a];
  }
  double x0 = d->qpos[0];
  for (int s = 0; s < t->frame_skip; s++) mj_step(m, d);
  return t->step_reward(m, d, act, x0, reward);
}

static int random_returns(int argc, char** argv) {
  if (argc < 6) return 2;
  const Task* t = task(argv[2]);
  mjModel* m = load(argv[3]);
  mjData* d = mj_makeData(m);
  int episodes = atoi(argv[4]);
  rng_state = 0x9E3779B97F4A7C15ULL ^ strtoull(argv[5], NULL, 10);
  double act[32], sum = 0, sumsq2 = 0;
  for (int e = 0; e < episodes; e++) {
    reset(m, d, t);
    double ret = 0, r;
    for (int k = 0; k < 1000; k++) {
      int done = random_step(m, d, t, act, &r);
      ret += r;
      if (done) break;
    }
    sum += ret;
    sumsq2 += ret * ret;
  }
  double mean = sum / episodes, var = sumsq2 / episodes - mean * mean;
  printf("%s %.3f %.3f\n", t->name, mean, sqrt(fmax(0, var) / episodes));
  return 0;
}

static int speed(int argc, char** argv) {
  if (argc < 5) return 2;
  const Task* t = task(argv[2]);
  mjModel* m = load(argv[3]);
  mjData* d = mj_makeData(m);
  long steps = atol(argv[4]);
  rng_state = 12345;
  double act[32], r;
  reset(m, d, t);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long k = 0, len = 0; k < steps; k++) {
    int done = random_step(m, d, t, act, &r);
    if (done || ++len == 1000) {
      reset(m, d, t);
      len = 0;
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double s = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
  printf("%s %.0f env steps/s\n", t->name, steps / s);
  return 0;
}

int main(int argc, char** argv) {
  int rc = 2;
  if (argc > 1 && !strcmp(argv[1], "trajectory")) rc = trajectory(argc, argv);
  else if (argc > 1 && !strcmp(argv[1], "random")) rc = random_returns(argc, argv);
  else if (argc > 1 && !strcmp(argv[1], "speed")) rc = speed(argc, argv);
  if (rc == 2) fprintf(stderr, "usage: see the comment at the top of tools/mujoco_reference.c\n");
  return rc;
}
