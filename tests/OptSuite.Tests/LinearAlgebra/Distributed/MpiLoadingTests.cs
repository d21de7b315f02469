using OptSuite.LinearAlgebra.Distributed;

namespace OptSuite.Tests.LinearAlgebra.Distributed;

/// <summary>Where MPICH is missing, the error says which library and how to install it (checked with a name that is absent everywhere).</summary>
public class MpiLoadingTests
{
    [Fact]
    public void AMissingLibraryIsNamedWithTheInstallCommand()
    {
        var e = Assert.Throws<DllNotFoundException>(() => MpiRuntime.Load("libmpich-absent.so.12"));
        Assert.Contains("libmpich-absent.so.12 (MPICH) could not be loaded", e.Message);
        Assert.Contains("apt-get install -y --no-install-recommends mpich", e.Message);
        Assert.Contains("mpiexec.hydra -n K", e.Message);
        Assert.Equal("libmpich.so.12", MpiCommunicator.LibraryName);
    }
}
