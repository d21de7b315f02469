namespace OptSuite.Solvers;

internal sealed partial class QuantileInteriorPointState
{
    /// <summary>
    /// The Newton direction for the complementarity targets s⁺(h − z) = c⁺, s⁻(z − l) = c⁻ with c⁺ = σν + Δs⁺ₐΔzₐ and
    /// c⁻ = σν − Δs⁻ₐΔzₐ (both 0 for the predictor): with d = s⁺/(h − z) + s⁻/(z − l) and g = r̃ − c⁺/(h − z) + c⁻/(z − l),
    /// (ÃᵀD⁻¹Ã + μE)Δx = ÃᵀD⁻¹g − (μEx − Ãᵀz), Δz = D⁻¹(g − ÃΔx), and Δs± from the linearised complementarity.
    /// </summary>
    private void Direction(double target, bool affine)
    {
        double sumZ = 0, sumG = 0;
        for (int i = 0; i < _n; i++)
        {
            if (_omega[i] == 0) { _g[i] = 0; continue; }
            double g = _res[i];
            if (!affine)
            {
                double up = _omega[i] * _tau - _z[i], low = _z[i] - _omega[i] * (_tau - 1);
                g += -(target + _dsPlusA[i] * _dzA[i]) / up + (target - _dsMinusA[i] * _dzA[i]) / low;
            }
            _g[i] = _invD[i] * g;      // D⁻¹g, reused below for Δz
            sumZ += _z[i];
            sumG += _g[i];
        }
        // rhs_w = Xᵀ(D⁻¹g) + D_p⁻¹g_p − μw + Xᵀz + zp, rhs_b = Σ D⁻¹g + Σz.
        _x.ApplyTranspose(_g, _rhs.AsSpan(0, _p));
        for (int j = 0; j < _p; j++)
        {
            double r = _xtz[j] - _mu * _xv[j];
            if (_lambda[j] > 0)
            {
                double gp = PenaltyTarget(j, target, affine);
                r += _invDp[j] * gp + _zp[j];
            }
            _rhs[j] += r;
        }
        if (_intercept) _rhs[_p] = sumG + sumZ;
        _gram.Solve(_rhs, _dx);

        _x.Apply(_dx.AsSpan(0, _p), _xdw);
        double db = _intercept ? _dx[_p] : 0.0;
        for (int i = 0; i < _n; i++)
        {
            if (_omega[i] == 0) { _dz[i] = _dsPlus[i] = _dsMinus[i] = 0; continue; }
            double up = _omega[i] * _tau - _z[i], low = _z[i] - _omega[i] * (_tau - 1);
            double dz = _g[i] - _invD[i] * (_xdw[i] + db);
            double cPlus = affine ? 0 : target + _dsPlusA[i] * _dzA[i];
            double cMinus = affine ? 0 : target - _dsMinusA[i] * _dzA[i];
            _dz[i] = dz;
            _dsPlus[i] = cPlus / up - _sPlus[i] + _sPlus[i] / up * dz;
            _dsMinus[i] = cMinus / low - _sMinus[i] - _sMinus[i] / low * dz;
        }
        for (int j = 0; j < _p; j++)
        {
            if (_lambda[j] == 0) { _dzp[j] = _dspPlus[j] = _dspMinus[j] = 0; continue; }
            double up = _lambda[j] - _zp[j], low = _zp[j] + _lambda[j];
            double dz = _invDp[j] * (PenaltyTarget(j, target, affine) - _dx[j]);
            double cPlus = affine ? 0 : target + _dspPlusA[j] * _dzpA[j];
            double cMinus = affine ? 0 : target - _dspMinusA[j] * _dzpA[j];
            _dzp[j] = dz;
            _dspPlus[j] = cPlus / up - _spPlus[j] + _spPlus[j] / up * dz;
            _dspMinus[j] = cMinus / low - _spMinus[j] - _spMinus[j] / low * dz;
        }
    }

    /// <summary>g for penalty row j: its residual r̃ = −w_j, corrected like the data rows.</summary>
    private double PenaltyTarget(int j, double target, bool affine)
    {
        double g = -_xv[j];
        if (affine) return g;
        double up = _lambda[j] - _zp[j], low = _zp[j] + _lambda[j];
        return g - (target + _dspPlusA[j] * _dzpA[j]) / up + (target - _dspMinusA[j] * _dzpA[j]) / low;
    }

    /// <summary>The primal (x, s±) and dual (z) step lengths: <paramref name="fraction"/> of the way to the boundary,
    /// at most 1; one common length when a ridge term couples x and z.</summary>
    private (double Primal, double Dual) StepLengths(double fraction)
    {
        double ap = 1 / fraction, ad = 1 / fraction;
        for (int i = 0; i < _n; i++)
        {
            if (_omega[i] == 0) continue;
            if (_dsPlus[i] < 0) ap = Math.Min(ap, -_sPlus[i] / _dsPlus[i]);
            if (_dsMinus[i] < 0) ap = Math.Min(ap, -_sMinus[i] / _dsMinus[i]);
            double dz = _dz[i];
            if (dz > 0) ad = Math.Min(ad, (_omega[i] * _tau - _z[i]) / dz);
            else if (dz < 0) ad = Math.Min(ad, (_z[i] - _omega[i] * (_tau - 1)) / -dz);
        }
        for (int j = 0; j < _p; j++)
        {
            if (_lambda[j] == 0) continue;
            if (_dspPlus[j] < 0) ap = Math.Min(ap, -_spPlus[j] / _dspPlus[j]);
            if (_dspMinus[j] < 0) ap = Math.Min(ap, -_spMinus[j] / _dspMinus[j]);
            double dz = _dzp[j];
            if (dz > 0) ad = Math.Min(ad, (_lambda[j] - _zp[j]) / dz);
            else if (dz < 0) ad = Math.Min(ad, (_zp[j] + _lambda[j]) / -dz);
        }
        ap *= fraction;
        ad *= fraction;
        if (_mu > 0) ap = ad = Math.Min(ap, ad);
        return (ap, ad);
    }

    /// <summary>Σ s⁺(h − z) + s⁻(z − l) after the affine step (Mehrotra's ν_aff, times the pair count).</summary>
    private double AffineComplementarity(double ap, double ad)
    {
        double sum = 0;
        for (int i = 0; i < _n; i++)
        {
            if (_omega[i] == 0) continue;
            double z = _z[i] + ad * _dz[i];
            sum += (_sPlus[i] + ap * _dsPlus[i]) * (_omega[i] * _tau - z) + (_sMinus[i] + ap * _dsMinus[i]) * (z - _omega[i] * (_tau - 1));
        }
        for (int j = 0; j < _p; j++)
        {
            if (_lambda[j] == 0) continue;
            double z = _zp[j] + ad * _dzp[j];
            sum += (_spPlus[j] + ap * _dspPlus[j]) * (_lambda[j] - z) + (_spMinus[j] + ap * _dspMinus[j]) * (z + _lambda[j]);
        }
        return sum;
    }

    private void SaveAffine()
    {
        _dz.CopyTo(_dzA, 0); _dsPlus.CopyTo(_dsPlusA, 0); _dsMinus.CopyTo(_dsMinusA, 0);
        _dzp.CopyTo(_dzpA, 0); _dspPlus.CopyTo(_dspPlusA, 0); _dspMinus.CopyTo(_dspMinusA, 0);
    }

    private void Update(double ap, double ad)
    {
        for (int k = 0; k < _q; k++) _xv[k] += ap * _dx[k];
        for (int i = 0; i < _n; i++)
        {
            _xw[i] += ap * _xdw[i];
            _sPlus[i] += ap * _dsPlus[i];
            _sMinus[i] += ap * _dsMinus[i];
            _z[i] += ad * _dz[i];
        }
        for (int j = 0; j < _p; j++)
        {
            _spPlus[j] += ap * _dspPlus[j];
            _spMinus[j] += ap * _dspMinus[j];
            _zp[j] += ad * _dzp[j];
        }
    }

    private bool AllFinite() => Vec.AllFinite(_dx) && Vec.AllFinite(_dz) && Vec.AllFinite(_dsPlus) && Vec.AllFinite(_dsMinus)
        && Vec.AllFinite(_dzp) && Vec.AllFinite(_dspPlus) && Vec.AllFinite(_dspMinus);
}
