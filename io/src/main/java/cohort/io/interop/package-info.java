/**
 * Networks in and out of other frameworks, without Python: PyTorch {@code state_dict}s ({@code .npz},
 * {@code .safetensors}) and Keras HDF5 models read into Cohort networks that compute exactly what the framework's
 * modules compute ({@link cohort.io.interop.NetworkImport}), and Cohort networks written back as PyTorch
 * {@code state_dict}s ({@link cohort.io.interop.TorchExport}).
 */
package cohort.io.interop;
