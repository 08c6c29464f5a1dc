/**
 * What each facade does not replay of the golden fixtures, committed so that a new gap (a
 * spelling removed, a fixture op added) fails golden.test.ts's summary instead of passing
 * silently. The reasons are documentation; the test compares the keys (ops) and, for cases, the
 * reasons the replay tables give.
 */
export type FacadeName = 'torch' | 'mxnet' | 'tf';

/** Fixture ops a facade has no spelling for (nothing of the op is replayed through it). */
export const SKIPPED_OPS: Record<FacadeName, Record<string, string>> = {
  torch: {
    pick: 'MXNet-only (torch.gather is replayed as gather)',
  },
  mxnet: {
    expand: 'PyTorch-only (-1 keeps a size); np.broadcast_to is replayed as broadcast_to',
    scatter_add: 'PyTorch-only (no np.add.at)',
    flip: 'np.flip is missing',
    repeat: 'np.tile is missing',
    tile: 'np.tile is missing',
    repeat_interleave: 'np.repeat is missing',
    cross_entropy: 'no Gluon losses',
    nll_loss: 'no Gluon losses',
    mse_loss: 'no Gluon losses',
    binary_cross_entropy: 'no Gluon losses',
    binary_cross_entropy_with_logits: 'no Gluon losses',
    softmax_cross_entropy: 'no Gluon losses (npx.pick(npx.log_softmax(z), y) is the sparse one)',
    sparse_softmax_cross_entropy: 'no Gluon losses (npx.pick(npx.log_softmax(z), y) spells it)',
    linear: 'npx.fully_connected is missing',
    rsqrt: 'np has no rsqrt (nd.rsqrt is missing too)',
    tan: 'np.tan is missing',
    erf: 'npx.erf / nd.erf are missing',
    leaky_relu: 'npx.leaky_relu / nd.LeakyReLU are missing',
    elu: 'npx.leaky_relu(act_type="elu") is missing',
    gelu: 'npx.leaky_relu(act_type="gelu") is missing',
    softplus: 'npx.activation(act_type="softrelu") is missing',
    round: 'np.round / np.rint are missing',
    trunc: 'np.trunc is missing',
    atan2: 'np.arctan2 is missing',
    logical_and: 'np.logical_and is missing',
    logical_or: 'np.logical_or is missing',
    logical_not: 'np.logical_not is missing',
    isnan: 'np.isnan is missing',
    logsumexp: 'no logsumexp in np / npx',
    var: 'np.var is missing',
    std: 'np.std is missing',
    argwhere: 'np.argwhere / np.nonzero are missing',
    isclose: 'np.isclose is missing',
    outer: 'np.outer is missing',
    cumsum: 'np.cumsum is missing',
    max_dim: 'PyTorch-only (values with indices); np.max and np.argmax are replayed as max and argmax',
    min_dim: 'PyTorch-only (values with indices); np.min and np.argmin are replayed as min and argmin',
    sort: 'np.sort is missing',
    topk: 'npx.topk is missing',
    all: 'np.all is missing',
    any: 'np.any is missing',
    tensordot: 'np.tensordot is missing',
  },
  tf: {
    expand: 'PyTorch-only (-1 keeps a size); tf.broadcast_to is replayed as broadcast_to',
    split: 'tf.split is missing',
    chunk: 'tf.split is missing',
    scatter_add: 'tf.tensor_scatter_nd_add is missing',
    flip: 'tf.reverse is missing',
    repeat_interleave: 'tf.repeat is missing',
    flatten: 'no tf.flatten (tf.reshape(x, [-1]) is replayed as reshape)',
    pick: 'MXNet-only (tf.gather with batch_dims is missing)',
    nll_loss: 'no TensorFlow spelling',
    mse_loss: 'tf.keras.losses are missing',
    binary_cross_entropy: 'tf.keras.losses are missing',
    binary_cross_entropy_with_logits: 'tf.nn.sigmoid_cross_entropy_with_logits is missing',
    linear: 'no TensorFlow spelling (tf.keras.layers.Dense is missing)',
    erf: 'tf.math.erf is missing',
    trunc: 'no TensorFlow spelling (tf.math.truncatediv is division)',
    atan2: 'tf.math.atan2 is missing',
    clamp: 'tf.clip_by_value is missing',
    isclose: 'no TensorFlow spelling (tf.experimental.numpy.isclose is missing)',
    outer: 'no TensorFlow spelling (tf.tensordot(a, b, 0) is replayed as tensordot)',
    cumsum: 'tf.math.cumsum is missing',
    max_dim: 'PyTorch-only (values with indices); tf.reduce_max and tf.argmax are replayed as max and argmax',
    min_dim: 'PyTorch-only (values with indices); tf.reduce_min and tf.argmin are replayed as min and argmin',
    sort: 'tf.sort / tf.argsort are missing',
    topk: 'tf.math.top_k is missing',
    all: 'tf.reduce_all is missing',
    any: 'tf.reduce_any is missing',
  },
};

const MATRIX_NORM_NP = 'over two axes is a matrix norm in NumPy';
const MX_FRO_ONLY = "MXNet's np.linalg.norm has only the 'fro' matrix norm";
const MX_CLIP_NUMBERS = 'np.clip takes number bounds (MXNet)';
const MATRIX_NORM_TF = 'over two axes is a matrix norm in TensorFlow';
const TILE = 'tf.tile needs one multiple per axis';
const NO_AXIS = 'tf.argmax/argmin need an axis (PyTorch flattens)';
const NO_KEEPDIMS = 'tf.argmax/argmin have no keepdims';
const MX_LHS_TIES = 'ties: MXNet gives the lhs the whole gradient, PyTorch splits it';
const MX_EVERY_TIE = 'ties: MXNet gives every tied extreme the whole gradient, PyTorch splits it';
const TF_X_TIES = 'ties: TensorFlow gives x the whole gradient, PyTorch splits it';
const NAN_FIRST =
  'NaN: the first-operand rule sends the gradient by x >= y (false for NaN); PyTorch gives both';
const MX_NAN_EXTREME = 'NaN: MXNet compares x == max (false for NaN); PyTorch amax gives NaN gradients';
const REDUCE_TIES = [
  'ties_3x4_axall',
  'ties_3x4_ax0',
  'ties_3x4_ax1_keep',
  'ties_3x4_ax-1',
  'ties_3x4_ax0,1_keep',
  'ties_2x3x4_ax0,2',
  'ties_2x3x4_ax-1,0_keep',
  'ties_5_ax0_keep',
  'ties_1x3x1_ax0,2',
  'ties_all_equal',
  'ties_all_equal_ax1',
];
const each = (ops: string[], variants: string[], why: string): Record<string, string> =>
  Object.fromEntries(ops.flatMap((op) => variants.map((v) => [`${op}/${v}`, why])));
const correction = (c: number) => `reduce_variance/reduce_std have no correction (case has ${c})`;

/** Cases (ids without the dtype) of ops a facade spells whose arguments none of its spellings can express. */
const TORCH_NEG_STEP = 'PyTorch refuses negative steps';
const TORCH_INT_FIRST =
  'PyTorch selects an integer before the index arrays (x[0, :, [1, 2]] has shape (3, 2)); NumPy makes it a 0-d index array (shape (2, 3))';
const TORCH_ONE_HOT = 'F.one_hot has no on/off values, axis or dtype (it gives int64, here int32)';
const TORCH_TAKE_FLAT = 'torch.take has no dim (it reads the input flattened)';
const MX_ARRAY_SPLIT =
  'np.array_split makes `sections` pieces of sizes differing by at most 1 (torch.chunk may make fewer)';
const MX_GATHER_BROADCAST =
  'np.take_along_axis broadcasts indices against arr on the other axes (torch.gather takes a smaller index)';
const MX_RAISE_NEGATIVE =
  "MXNet's take mode 'raise' refuses negative indices (NumPy counts them from the end)";
const TF_NO_ARRAYS = "TensorFlow's x[...] takes no index arrays or masks (tf.gather does)";
const TF_NO_WEIGHTS = 'TensorFlow has no class weights (tf.nn.weighted_cross_entropy_with_logits is binary)';

export const SKIPPED_CASES: Record<FacadeName, Record<string, string>> = {
  torch: {
    'index/2x3x4_negative_step': TORCH_NEG_STEP,
    'index/10_neg_step_-1:-20:-3': TORCH_NEG_STEP,
    'index/10_neg_step_8:2:-2': TORCH_NEG_STEP,
    'index/3x4_neg_step_array': TORCH_NEG_STEP,
    'index/2x3x4_int_among_arrays': TORCH_INT_FIRST,
    'one_hot/4_out_of_range': TORCH_ONE_HOT,
    'one_hot/2x2_ax0_on5_off-1': TORCH_ONE_HOT,
    'one_hot/3_on2.5_off0.5': TORCH_ONE_HOT,
    'one_hot/empty': TORCH_ONE_HOT,
    'take/3x4_ax1_raise': TORCH_TAKE_FLAT,
    'take/3x4_ax0_clip': TORCH_TAKE_FLAT,
    'take/3x4_ax-1_wrap': TORCH_TAKE_FLAT,
    'take/2x3x4_ax1_scalar': TORCH_TAKE_FLAT,
    'softmax_cross_entropy/3x4_ax0': 'F.cross_entropy has the classes on dim 1',
    'sparse_softmax_cross_entropy/2x3x4': 'F.cross_entropy has the classes on dim 1 (here last)',
  },
  mxnet: {
    'squeeze/3x4_0': 'np.squeeze refuses an axis whose size is not 1',
    'flatten/2x3x4_1_2': 'np.ravel flattens every axis; ndarray.flatten flattens every axis',
    'flatten/2x3x4_0_1': 'np.ravel flattens every axis; ndarray.flatten flattens every axis',
    'norm/ord1_3x4_axall': `ord=1 ${MATRIX_NORM_NP}`,
    'norm/ord1_2x3x4_ax0,2': `ord=1 ${MATRIX_NORM_NP}`,
    'norm/ordinf_3x4_axall': `ord=inf ${MATRIX_NORM_NP}`,
    'norm/ordinf_2x3x4_ax0,2': `ord=inf ${MATRIX_NORM_NP}`,
    ...Object.fromEntries(
      ['3', '1.5', '0.5'].flatMap((o) => [
        [`norm/ord${o}_3x4_axall`, `ord=${o} ${MATRIX_NORM_NP}`],
        [`norm/ord${o}_2x3x4_ax0,2`, `ord=${o} ${MATRIX_NORM_NP}`],
      ]),
    ),
    ...each(
      ['matrix_norm'],
      ['1', '-1', 'inf', '-inf'].flatMap((o) => [
        `${o}_3x4_ax-2,-1`,
        `${o}_2x3x4_ax0,2_keep`,
        `${o}_2x3x4_ax2,1`,
      ]),
      MX_FRO_ONLY,
    ),
    'matrix_norm/inf_ties': MX_FRO_ONLY,
    ...each(
      ['clamp'],
      ['tensor_bounds_3x4_4_3x1', 'tensor_min_only', 'tensor_max_only', 'tensor_min_above_max'],
      MX_CLIP_NUMBERS,
    ),
    'clamp/at_bounds': "NaN: MXNet's clip passes the gradient (its comparisons are false); PyTorch gives 0",
    ...each(['maximum', 'minimum'], ['ties_3x4_3x4', 'ties_3x4_4'], MX_LHS_TIES),
    ...each(['max', 'min'], REDUCE_TIES, MX_EVERY_TIE),
    ...each(['maximum', 'minimum'], ['nan'], NAN_FIRST),
    ...each(['max', 'min'], ['nan_ax1'], MX_NAN_EXTREME),
    'take/2x3_flat_raise_negative': `${MX_RAISE_NEGATIVE}; nd.take has no axis=None (it takes along axis 0)`,
    'one_hot/2x2_ax0_on5_off-1': 'one_hot has no axis in MXNet (always last)',
    'chunk/6_4_ax0': MX_ARRAY_SPLIT,
    'chunk/2x3_5_ax1': MX_ARRAY_SPLIT,
    'gather/3x4_ax1_2x2': MX_GATHER_BROADCAST,
  },
  tf: {
    'elu/alpha0.5_7': 'tf.nn.elu has no alpha (it is 1)',
    'elu/alpha0.5_3x4': 'tf.nn.elu has no alpha (it is 1)',
    'argmax/3x4_axall': NO_AXIS,
    'argmax/ties_3x4_axall': NO_AXIS,
    'argmax/3x4_ax1_keep': NO_KEEPDIMS,
    'argmax/ties_3x4_ax1_keep': NO_KEEPDIMS,
    'argmax/scalar_axall': NO_AXIS,
    'argmax/2x3x4_ax1_keep': NO_KEEPDIMS,
    'argmax/ties_2x3x4_ax1_keep': NO_KEEPDIMS,
    'argmax/inf_all': NO_AXIS,
    'argmin/3x4_axall': NO_AXIS,
    'argmin/ties_3x4_axall': NO_AXIS,
    'argmin/3x4_ax1_keep': NO_KEEPDIMS,
    'argmin/ties_3x4_ax1_keep': NO_KEEPDIMS,
    'argmin/scalar_axall': NO_AXIS,
    'argmin/2x3x4_ax1_keep': NO_KEEPDIMS,
    'argmin/ties_2x3x4_ax1_keep': NO_KEEPDIMS,
    'argmin/inf_all': NO_AXIS,
    'var/3x4_axall_c1': correction(1),
    'var/3x4_axall_c2': correction(2),
    'var/3x4_ax0_c1': correction(1),
    'var/3x4_ax0_c2': correction(2),
    'var/3x4_ax1_keep_c1': correction(1),
    'var/3x4_ax1_keep_c2': correction(2),
    'var/2x3x4_ax0,2_c1': correction(1),
    'var/2x3x4_ax0,2_c2': correction(2),
    'var/6_ax0_keep_c1': correction(1),
    'var/6_ax0_keep_c2': correction(2),
    'var/offset_1000_all': correction(1),
    'var/constant_row': correction(1),
    'var/n_eq_correction': correction(1),
    'std/3x4_axall_c1': correction(1),
    'std/3x4_axall_c2': correction(2),
    'std/3x4_ax0_c1': correction(1),
    'std/3x4_ax0_c2': correction(2),
    'std/3x4_ax1_keep_c1': correction(1),
    'std/3x4_ax1_keep_c2': correction(2),
    'std/2x3x4_ax0,2_c1': correction(1),
    'std/2x3x4_ax0,2_c2': correction(2),
    'std/6_ax0_keep_c1': correction(1),
    'std/6_ax0_keep_c2': correction(2),
    'std/offset_1000_all': correction(1),
    'std/constant_row': correction(1),
    'std/n_eq_correction': correction(1),
    'norm/ord1_2x3x4_ax0,2': `ord=1 ${MATRIX_NORM_TF}`,
    'norm/ordinf_2x3x4_ax0,2': `ord=inf ${MATRIX_NORM_TF}`,
    'norm/ord3_2x3x4_ax0,2': `ord=3 ${MATRIX_NORM_TF}`,
    'norm/ord1.5_2x3x4_ax0,2': `ord=1.5 ${MATRIX_NORM_TF}`,
    'norm/ord0.5_2x3x4_ax0,2': `ord=0.5 ${MATRIX_NORM_TF}`,
    ...Object.fromEntries(
      ['-1', '-inf'].flatMap((o) =>
        [`${o}_3x4_ax-2,-1`, `${o}_2x3x4_ax0,2_keep`, `${o}_2x3x4_ax2,1`].map((v) => [
          `matrix_norm/${v}`,
          `tf.norm has no matrix norm ord=${o}`,
        ]),
      ),
    ),
    'repeat/2x3_1_2_2': TILE,
    'repeat/3_2_3': TILE,
    'repeat/scalar_3': TILE,
    'tile/2x3_2': TILE,
    'tile/2x3x2_3_1': TILE,
    'squeeze/3x4_0': 'tf.squeeze refuses an axis whose size is not 1',
    ...each(['maximum', 'minimum'], ['ties_3x4_3x4', 'ties_3x4_4'], TF_X_TIES),
    ...each(['maximum', 'minimum'], ['nan'], NAN_FIRST),
    ...each(
      ['index'],
      [
        '2x3x4_array',
        '2x3x4_2d_array_negative',
        '2x3x4_int_among_arrays',
        '2x3x4_arrays_apart',
        '2x3x4_arrays_broadcast',
        '2x3x4_arrays_none_between',
        '2x3x4_mask',
        '2x3x4_mask_last_two',
        '3x4_neg_step_array',
        '5_empty_array',
      ],
      TF_NO_ARRAYS,
    ),
    'take/2x3_flat_raise': 'tf.gather needs an axis (np.take flattens)',
    'take/2x3_flat_raise_negative': 'tf.gather needs an axis (np.take flattens)',
    'take/3x4_ax0_clip': "tf.gather has no mode 'clip'",
    'take/3x4_ax-1_wrap': "tf.gather has no mode 'wrap'",
    ...each(
      ['cross_entropy'],
      ['idx_weight_4x5_mean', 'idx_weight_4x5_sum', 'idx_weight_4x5_none', 'probs_weight_4x5'],
      TF_NO_WEIGHTS,
    ),
    'cross_entropy/idx_label_smoothing_4x5': 'label smoothing is a Keras loss option (tf.keras.losses)',
  },
};

/**
 * Cases a facade replays but gets wrong: each is a disagreement to fix in the facade or core
 * (golden.test.ts runs them as `it.fails`, so a fix shows up as a failure until it is removed
 * from here). Keys: "<case id> (2nd order)?"; values: what differs.
 */
export const KNOWN_DISAGREEMENTS: Record<FacadeName, Record<string, string>> = {
  torch: {},
  mxnet: {},
  tf: {},
};
