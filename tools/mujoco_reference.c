// Reference trajectories and random-policy returns from MuJoCo 2.2.2 (Debian's libmujoco-dev), for the planar and
// spatial engines' tests. Not part of the build: tools/mujoco_reference.sh installs the library, compiles this file
// and runs it; its output is committed as test data.
//
//   mujoco_reference trajectory MODEL.xml OUT.csv ENV_STEPS FRAME_SKIP AMPLITUDE FREQUENCY [q=v ...]
//     From qpos0 (with any qpos entries overridden, "3=-0.5"), zero velocity, applies the open-loop control
//     ctrl[a] = AMPLITUDE * sin(FREQUENCY * k + a) during env step k (FRAME_SKIP physics steps) and writes one row
//     per env step: k+1, the number of contacts, qpos, qfrc_constraint[0].
//   mujoco_reference observed MODEL.xml OUT.csv ENV_STEPS FRAME_SKIP AMPLITUDE FREQUENCY
//     As trajectory, but after each env step also calls mj_rnePostConstraint (as Gymnasium v5 does) and writes what
//     the 3D tasks observe beyond qpos: step, ncon, qpos, cfrc_ext, cinert, cvel (every body, world included).
//   mujoco_reference random TASK MODEL.xml EPISODES SEED
//     Mean return of uniform random actions (inside ctrlrange) over EPISODES episodes of 1000 steps with the task's
//     Gymnasium v5 reward, reset noise and termination (Hopper and Walker2d are not reset on falling, as in the
//     reference figures of environments.md; Ant and Humanoid end when unhealthy, as Gymnasium's). Prints
//     "TASK mean stderr".
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

// trajectory and observed: the same rollout; observed also writes what the 3D tasks read beyond qpos
static int rollout(int argc, char** argv, int observed) {
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
  fprintf(out, "# MuJoCo %s: %s, ctrl[a] = %g sin(%g k + a), frame skip %d; step,ncon,qpos...,%s\n",
          mj_versionString(), argv[2], amp, freq, skip,
          observed ? "cfrc_ext...,cinert...,cvel..." : "qfrc_constraint0");
  for (int k = 0; k < steps; k++) {
    for (int a = 0; a < m->nu; a++) d->ctrl[a] = amp * sin(freq * k + a);
    for (int s = 0; s < skip; s++) mj_step(m, d);
    fprintf(out, "%d,%d", k + 1, d->ncon);
    for (int q = 0; q < m->nq; q++) fprintf(out, ",%.10g", d->qpos[q]);
    if (observed) {
      mj_rnePostConstraint(m, d);
      for (int i = 0; i < 6 * m->nbody; i++) fprintf(out, ",%.10g", d->cfrc_ext[i]);
      for (int i = 0; i < 10 * m->nbody; i++) fprintf(out, ",%.10g", d->cinert[i]);
      for (int i = 0; i < 6 * m->nbody; i++) fprintf(out, ",%.10g", d->cvel[i]);
      fprintf(out, "\n");
    } else {
      fprintf(out, ",%.8g\n", d->qfrc_constraint[0]);
    }
  }
  fclose(out);
  mj_deleteData(d);
  mj_deleteModel(m);
  return 0;
}

// ---- the tasks (Gymnasium v5 definitions, see docs/physics.md and environments.md)

typedef struct {
  const char* name;
  int frame_skip;
  double pos_noise, vel_noise;
  int gaussian_vel;
  // reward of the env step just taken, given the forward position before it; returns 1 when the task terminated
  int (*step_reward)(const mjModel* m, mjData* d, const double* act, const double* before, double* reward);
  // the forward position the reward differentiates (NULL: qpos[0])
  void (*where)(const mjModel* m, const mjData* d, double* xy);
} Task;

static double sumsq(const mjModel* m, const double* a) {
  double s = 0;
  for (int i = 0; i < m->nu; i++) s += a[i] * a[i];
  return s;
}

static double dt(const mjModel* m, int skip) { return m->opt.timestep * skip; }

static int hopper(const mjModel* m, mjData* d, const double* a, const double* before, double* r) {
  int healthy = d->qpos[1] > 0.7 && fabs(d->qpos[2]) < 0.2;
  for (int i = 2; i < m->nq; i++) healthy &= fabs(d->qpos[i]) < 100;
  for (int i = 0; i < m->nv; i++) healthy &= fabs(d->qvel[i]) < 100;
  *r = (d->qpos[0] - before[0]) / dt(m, 4) + healthy - 1e-3 * sumsq(m, a);
  return 0;
}

static int walker(const mjModel* m, mjData* d, const double* a, const double* before, double* r) {
  int healthy = d->qpos[1] > 0.8 && d->qpos[1] < 2 && fabs(d->qpos[2]) < 1;
  *r = (d->qpos[0] - before[0]) / dt(m, 4) + healthy - 1e-3 * sumsq(m, a);
  return 0;
}

static int cheetah(const mjModel* m, mjData* d, const double* a, const double* before, double* r) {
  *r = (d->qpos[0] - before[0]) / dt(m, 5) - 0.1 * sumsq(m, a);
  return 0;
}

static int swimmer(const mjModel* m, mjData* d, const double* a, const double* before, double* r) {
  *r = (d->qpos[0] - before[0]) / dt(m, 4) - 1e-4 * sumsq(m, a);
  return 0;
}

static int pendulum(const mjModel* m, mjData* d, const double* a, const double* before, double* r) {
  int done = fabs(d->qpos[1]) > 0.2;
  *r = done ? 0 : 1;
  return done;
}

static int double_pendulum(const mjModel* m, mjData* d, const double* a, const double* before, double* r) {
  mj_kinematics(m, d);  // the tip where the state is now
  double x = d->site_xpos[0], y = d->site_xpos[2];
  double v1 = d->qvel[1], v2 = d->qvel[2];
  int done = y <= 1;
  *r = (done ? 0 : 10) - 0.01 * x * x - (y - 2) * (y - 2) - 1e-3 * v1 * v1 - 5e-3 * v2 * v2;
  return done;
}

static double sumsq_all(const double* x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * x[i];
  return s;
}

// Gymnasium Ant-v5: the torso's xy from the last evaluation (xpos), contact forces clipped to [-1, 1]
static void torso_xy(const mjModel* m, const mjData* d, double* xy) {
  xy[0] = d->xpos[3];
  xy[1] = d->xpos[4];
}

static int ant(const mjModel* m, mjData* d, const double* a, const double* before, double* r) {
  int healthy = d->qpos[2] >= 0.2 && d->qpos[2] <= 1.0;
  for (int i = 0; i < m->nq; i++) healthy &= isfinite(d->qpos[i]);
  for (int i = 0; i < m->nv; i++) healthy &= isfinite(d->qvel[i]);
  double contact = 0;
  for (int i = 0; i < 6 * m->nbody; i++) {
    double c = fmin(1, fmax(-1, d->cfrc_ext[i]));
    contact += c * c;
  }
  *r = (d->xpos[3] - before[0]) / dt(m, 5) + healthy - 0.5 * sumsq(m, a) - 5e-4 * contact;
  return !healthy;
}

// Gymnasium Humanoid-v5: the centre of mass from the bodies' (xipos), contact cost capped at 10
static void mass_center(const mjModel* m, const mjData* d, double* xy) {
  double mass = 0;
  xy[0] = xy[1] = 0;
  for (int b = 0; b < m->nbody; b++) {
    mass += m->body_mass[b];
    xy[0] += m->body_mass[b] * d->xipos[3 * b];
    xy[1] += m->body_mass[b] * d->xipos[3 * b + 1];
  }
  xy[0] /= mass;
  xy[1] /= mass;
}

static int humanoid(const mjModel* m, mjData* d, const double* a, const double* before, double* r) {
  int healthy = d->qpos[2] > 1.0 && d->qpos[2] < 2.0;
  double xy[2];
  mass_center(m, d, xy);
  double contact = fmin(5e-7 * sumsq_all(d->cfrc_ext, 6 * m->nbody), 10);
  *r = 1.25 * (xy[0] - before[0]) / dt(m, 5) + 5.0 * healthy - 0.1 * sumsq(m, a) - contact;
  return !healthy;
}

static const Task TASKS[] = {
    {"Hopper", 4, 5e-3, 5e-3, 0, hopper},       {"Walker2d", 4, 5e-3, 5e-3, 0, walker},
    {"HalfCheetah", 5, 0.1, 0.1, 1, cheetah},   {"Swimmer", 4, 0.1, 0.1, 0, swimmer},
    {"InvertedPendulum", 2, 0.01, 0.01, 0, pendulum},
    {"InvertedDoublePendulum", 5, 0.1, 0.1, 1, double_pendulum},
    {"Ant", 5, 0.1, 0.1, 1, ant, torso_xy},     {"Humanoid", 5, 0.01, 0.01, 0, humanoid, mass_center},
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
  double before[2] = {d->qpos[0], 0};
  if (t->where) t->where(m, d, before);
  for (int s = 0; s < t->frame_skip; s++) mj_step(m, d);
  mj_rnePostConstraint(m, d);  // Gymnasium v5's step computes the contact forces after mj_step
  return t->step_reward(m, d, act, before, reward);
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
  if (argc > 1 && !strcmp(argv[1], "trajectory")) rc = rollout(argc, argv, 0);
  else if (argc > 1 && !strcmp(argv[1], "observed")) rc = rollout(argc, argv, 1);
  else if (argc > 1 && !strcmp(argv[1], "random")) rc = random_returns(argc, argv);
  else if (argc > 1 && !strcmp(argv[1], "speed")) rc = speed(argc, argv);
  if (rc == 2) fprintf(stderr, "usage: see the comment at the top of tools/mujoco_reference.c\n");
  return rc;
}
